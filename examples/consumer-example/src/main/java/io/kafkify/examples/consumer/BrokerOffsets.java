package io.kafkify.examples.consumer;

import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.examples.consumer.Summary.PartitionOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads from the broker, with Kafka's {@link Admin} client, what the consumer itself does not
 * report: the group's committed offsets and the partitions' end offsets.
 *
 * <p>Threading: thread-safe, as {@link Admin} is. Every call blocks for at most {@link #TIMEOUT}.
 */
public final class BrokerOffsets implements AutoCloseable {

    /** The longest any read waits for the broker. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;

    private BrokerOffsets(Admin admin) {
        this.admin = admin;
    }

    /**
     * Connects to the consumer's brokers with its security settings.
     *
     * @param config the consumer's configuration
     * @return a reader; close it
     */
    public static BrokerOffsets connect(KafkaConsumerConfig config) {
        Map<String, Object> settings = new HashMap<>();
        config.extraProperties().forEach((name, value) -> {
            if (name.startsWith("security.") || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                settings.put(name, value);
            }
        });
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "consumer-example-offsets");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return new BrokerOffsets(Admin.create(settings));
    }

    /**
     * @param group the consumer group
     * @param topics the topics to report
     * @return each partition's committed and end offset, sorted by topic and partition
     * @throws Exception when the broker does not answer in time
     */
    public List<PartitionOffsets> committed(String group, Collection<String> topics) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topics);
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        List<PartitionOffsets> offsets = new ArrayList<>();
        ends.forEach((partition, end) -> {
            OffsetAndMetadata offset = committed.get(partition);
            offsets.add(new PartitionOffsets(partition.topic(), partition.partition(),
                    offset == null ? -1 : offset.offset(), end));
        });
        offsets.sort(Comparator.comparing(PartitionOffsets::topic).thenComparing(PartitionOffsets::partition));
        return offsets;
    }

    private Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : get(admin.describeTopics(topics).allTopicNames()).values()) {
            topic.partitions().forEach(info ->
                    latest.put(new TopicPartition(topic.name(), info.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listOffsets(latest).all()).forEach((partition, end) -> ends.put(partition, end.offset()));
        return ends;
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }

    private static <T> T get(KafkaFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
