package io.kafkify.consumers.testkit.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Grants ACLs on the broker, through its unauthenticated admin listener, and waits until the
 * broker's authorizer applies them: the controller commits an ACL before the broker has loaded it,
 * and a client that came in between would be denied. Thread-safe: each call uses an admin client
 * of its own.
 */
final class Acls {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BrokerProcess broker;
    private final BrokerSecurity security;

    Acls(BrokerProcess broker, BrokerSecurity security) {
        this.broker = broker;
        this.security = security;
    }

    /** Allows {@code User:<user>} the operation on each resource, from any host, and waits until the broker applies it. */
    void allow(String user, AclOperation operation, ResourceType type, List<String> names) {
        Objects.requireNonNull(user, "user");
        if (!security.aclsEnabled()) {
            throw new EmbeddedKafkaBrokerException("This broker has no authorizer, so it allows everything and grants "
                    + "nothing: build it with EmbeddedKafkaBroker.builder().acls().");
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Name at least one " + type.name().toLowerCase(Locale.ROOT));
        }
        List<AclBinding> bindings = new ArrayList<>();
        for (String name : names) {
            bindings.add(new AclBinding(new ResourcePattern(type, Objects.requireNonNull(name, "name"), PatternType.LITERAL),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Admin admin = Admin.create(ClientProperties.admin(broker.bootstrapServers()))) {
            admin.createAcls(bindings).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
            while (!applied(admin, bindings, deadline)) {
                if (remaining(deadline) <= 0) {
                    throw new TimeoutException();
                }
                Thread.sleep(20); // polls the broker's authorizer until the deadline
            }
        } catch (ExecutionException e) {
            throw new EmbeddedKafkaBrokerException("Could not grant " + bindings + " on the broker at "
                    + broker.bootstrapServers() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new EmbeddedKafkaBrokerException("The broker at " + broker.bootstrapServers() + " did not apply "
                    + bindings + " within " + TIMEOUT.toSeconds() + " s. " + broker.describeLog(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaBrokerException("Interrupted while granting " + bindings, e);
        }
    }

    /** DescribeAcls is answered from the broker's own authorizer, so what it lists is what the broker enforces. */
    private static boolean applied(Admin admin, List<AclBinding> bindings, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<AclBinding> present = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values()
                .get(remaining(deadline), TimeUnit.MILLISECONDS));
        return present.containsAll(bindings);
    }

    private static long remaining(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
