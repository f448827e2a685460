package io.kafkify.consumers.infrastructure.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

/**
 * Looks up a dead-letter topic before the first publish to it. A topic that exists is not looked
 * up again. A missing one is created, when creation is enabled, with as many partitions as its
 * source topic and the broker's default replication; otherwise a failed publish to it is explained
 * with what to do, instead of Kafka's bare metadata timeout. Anything that keeps the lookup from
 * answering (no right to describe, a slow broker) leaves the publish to the producer.
 *
 * <p>Threading: thread-safe; the admin client is opened on the first lookup.
 */
final class DeadLetterTopics implements AutoCloseable {

    /** The settings' names, for the message that tells what to do; they live in the adapter's module. */
    static final String CREATE_SETTING = "createDeadLetterTopics (kafkify.create-dead-letter-topics, "
            + "KAFKIFY_CREATE_DEAD_LETTER_TOPICS)";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> adminProperties;
    private final boolean create;
    private final Set<String> present = ConcurrentHashMap.newKeySet();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();
    private @Nullable Admin admin;
    private boolean closed;

    /**
     * @param producerProperties the dead-letter producer's properties; the admin client connects as it does
     * @param create whether to create a missing dead-letter topic
     */
    DeadLetterTopics(Map<String, Object> producerProperties, boolean create) {
        Set<String> adminNames = AdminClientConfig.configNames();
        Map<String, Object> properties = new LinkedHashMap<>();
        producerProperties.forEach((name, value) -> {
            if (adminNames.contains(name)) {
                properties.put(name, value);
            }
        });
        properties.computeIfPresent(AdminClientConfig.CLIENT_ID_CONFIG, (name, id) -> id + "-admin");
        this.adminProperties = Map.copyOf(properties);
        this.create = create;
    }

    /**
     * Makes sure, as far as it can, that the topic exists; never throws for a lookup that could
     * not answer.
     *
     * @param topic the dead-letter topic
     * @param source the topic the dead letter comes from
     * @throws Exception when creation was enabled and failed (no right to create, a bad name...)
     */
    void prepare(String topic, String source) throws Exception {
        if (present.contains(topic)) {
            return;
        }
        Boolean exists = exists(topic);
        if (exists == null || exists) {
            if (exists != null) {
                present.add(topic);
                missing.remove(topic);
            }
            return;
        }
        if (!create) {
            missing.add(topic);
            return;
        }
        create(topic, source);
        present.add(topic);
        missing.remove(topic);
    }

    /**
     * @param topic a dead-letter topic whose publish failed
     * @param source the topic the dead letter comes from
     * @param failure why it failed
     * @return the failure to report: explained when the topic was found missing
     */
    Exception explain(String topic, String source, Exception failure) {
        if (!missing.contains(topic)) {
            return failure;
        }
        return new IllegalStateException("the dead-letter topic " + topic + " does not exist. Create it (with as many"
                + " partitions as " + source + "), or enable " + CREATE_SETTING + " to let Kafkify create it"
                + " (" + failure + ")", failure);
    }

    /** @return whether the topic exists, or null when the lookup could not tell */
    private @Nullable Boolean exists(String topic) throws InterruptedException {
        try {
            admin().describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            return e.getCause() instanceof UnknownTopicOrPartitionException ? false : null;
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            return null;
        }
    }

    private void create(String topic, String source) throws Exception {
        Admin client = admin();
        Optional<Integer> partitions = Optional.empty();
        try {
            TopicDescription description = client.describeTopics(List.of(source)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(source);
            partitions = Optional.of(description.partitions().size());
        } catch (ExecutionException e) {
            // The source cannot be described: the broker's default partition count will do.
        }
        try {
            client.createTopics(List.of(new NewTopic(topic, partitions, Optional.empty()))).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("creating the dead-letter topic " + topic + " failed (" + e.getCause()
                        + "); create it, or give the consumer's principal the right to", e.getCause());
            }
        }
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("the dead-letter publisher is closed");
        }
        if (admin == null) {
            admin = Admin.create(adminProperties);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
