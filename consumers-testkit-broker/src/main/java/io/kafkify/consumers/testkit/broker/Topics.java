package io.kafkify.consumers.testkit.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * Creates topics on the broker and waits until every partition has a leader, because a topic
 * whose leaders are not elected yet makes the first produce or fetch fail. One admin client,
 * opened on the first topic, serves every call (a client per call logged its whole
 * configuration each time); it reconnects by itself after a restart. Thread-safe.
 */
final class Topics implements AutoCloseable {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerProcess broker;
    private @Nullable Admin admin;
    private boolean closed;

    Topics(BrokerProcess broker) {
        this.broker = broker;
    }

    /** Does what {@link EmbeddedKafkaBroker#createTopic(String, int, Map)} promises. */
    void create(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        try {
            Admin admin = admin();
            NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
            admin.createTopics(List.of(topic)).all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            awaitLeaders(admin, name, partitions, deadline);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                throw new EmbeddedKafkaBrokerException("Topic '" + name + "' already exists on the broker at "
                        + broker.bootstrapServers() + ". Topics live as long as the broker; give each test its own "
                        + "topic name.", e.getCause());
            }
            throw new EmbeddedKafkaBrokerException("Could not create topic '" + name + "' with " + partitions
                    + " partitions on the broker at " + broker.bootstrapServers() + ": " + e.getCause()
                    + ". Is the broker running? " + broker.describeLog(), e.getCause());
        } catch (TimeoutException e) {
            throw topicTimeout(name, partitions, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaBrokerException("Interrupted while creating topic '" + name + "'.", e);
        }
    }

    /** Does what {@link EmbeddedKafkaBroker#configureGroup(String, Map)} promises. */
    void configureGroup(String groupId, Map<String, String> configs) {
        Objects.requireNonNull(groupId, "groupId");
        if (configs.isEmpty()) {
            return;
        }
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
        List<AlterConfigOp> changes = new java.util.ArrayList<>();
        configs.forEach((name, value) -> changes.add(new AlterConfigOp(new ConfigEntry(name, value),
                AlterConfigOp.OpType.SET)));
        try {
            admin().incrementalAlterConfigs(Map.of(group, changes)).all().get(TOPIC_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedKafkaBrokerException("Could not set " + configs + " on group '" + groupId
                    + "' of the broker at " + broker.bootstrapServers() + ": " + (e.getCause() != null ? e.getCause()
                    : e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaBrokerException("Interrupted while configuring group '" + groupId + "'.", e);
        }
    }

    private void awaitLeaders(Admin admin, String name, int partitions, long deadline)
            throws InterruptedException, TimeoutException, ExecutionException {
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS).get(name);
                List<TopicPartitionInfo> infos = description.partitions();
                if (infos.size() == partitions && infos.stream()
                        .allMatch(info -> info.leader() != null && !info.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (remainingMillis(deadline) <= 0) {
                throw topicTimeout(name, partitions, null);
            }
            Thread.sleep(Math.min(50, remainingMillis(deadline))); // polls the condition above until the deadline
        }
    }

    private EmbeddedKafkaBrokerException topicTimeout(String name, int partitions, @Nullable Throwable cause) {
        return new EmbeddedKafkaBrokerException("Topic '" + name + "' with " + partitions + " partitions was not usable "
                + "within " + TOPIC_TIMEOUT.toSeconds() + " s on the broker at " + broker.bootstrapServers()
                + ": not every partition had a leader. Is the broker running? " + broker.describeLog(), cause);
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new EmbeddedKafkaBrokerException("The broker at " + broker.bootstrapServersIfKnown()
                    + " was closed: no topic can be created on it.");
        }
        if (admin == null) {
            admin = Admin.create(ClientProperties.admin(broker.bootstrapServers()));
        }
        return admin;
    }

    /** Closes the admin client; no topic can be created afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }
}
