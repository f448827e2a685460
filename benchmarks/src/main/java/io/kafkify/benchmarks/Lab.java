package io.kafkify.benchmarks;

import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * The one broker every arm runs against, its pre-loaded topics, and the runs: each run gets a
 * group nobody used, so that it reads its topic from the start, and is checked afterwards by
 * reading the group's committed offsets.
 */
final class Lab implements AutoCloseable {

    /** The broker's heap: the default 512 MiB is tight for 2,000,000 records and 20 groups. */
    static final String BROKER_HEAP = "-Xmx1g";
    /** Broker settings set here on top of EmbeddedKafkaBroker's single-node defaults. */
    static final Map<String, String> BROKER_PROPERTIES = Map.of("group.coordinator.append.linger.ms", "0");
    private static final List<String> REPORTED_BROKER_SETTINGS = List.of(
            "group.coordinator.append.linger.ms", "num.network.threads", "num.io.threads", "num.partitions",
            "offsets.topic.replication.factor", "offsets.topic.num.partitions", "group.initial.rebalance.delay.ms",
            "log.flush.interval.messages", "log.segment.bytes", "message.max.bytes", "compression.type");

    /** How long a new share-group member polls to find records left unacknowledged. */
    static final Duration SHARE_CHECK = Duration.ofSeconds(5);

    private final EmbeddedKafkaBroker broker;
    private final Admin admin;
    private final ParallelConsumerProcess parallelConsumer = new ParallelConsumerProcess();

    private Lab(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        this.admin = broker.newAdmin();
    }

    static Lab start() {
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                .jvmOption(BROKER_HEAP)
                .jvmOption("-Dkafkify.broker.log.level=WARN");
        BROKER_PROPERTIES.forEach(builder::brokerProperty);
        return new Lab(builder.build().start());
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * Creates a topic and writes {@code records} records to it ({@link Workload}).
     *
     * @return how long writing took, in nanoseconds
     */
    long load(String topic, int partitions, long records, int keys) {
        broker.createTopic(topic, partitions);
        Map<String, Object> properties = broker.producerProperties();
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        // One request in flight: right after creation a partition may answer NOT_LEADER_OR_FOLLOWER
        // although the broker's metadata names its leader, and the idempotent producer's later
        // batches then failed with OUT_OF_ORDER_SEQUENCE_NUMBER until their delivery timed out (seen
        // twice on 2026-12-02). With one in flight the retry goes first, and every batch follows it.
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        AtomicReference<@Nullable Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (long i = 0; i < records && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, Workload.key(i, keys), Workload.value(i)), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Loading " + topic + " failed: " + failure.get(), failure.get());
        }
        return System.nanoTime() - start;
    }

    /**
     * @param groupId the group
     * @return the Kafka client settings every arm uses: those Kafkify's defaults give its consumer
     */
    Map<String, Object> consumerProperties(String groupId) {
        return KafkifyArm.defaultConsumerProperties(bootstrapServers(), groupId);
    }

    /**
     * Runs one arm once on a fresh group.
     *
     * @param arm the arm
     * @param topic the pre-loaded topic
     * @param expected records to handle before the arm stops
     * @param handler makes the application handler of the run from its progress
     * @param timeout the longest the run may take
     * @return what was measured; a failure of the arm is in {@link RunResult#error()}
     */
    RunResult run(Arm arm, String topic, long expected, Function<Progress, Runnable> handler, Duration timeout) {
        String groupId = "bench-" + arm.name().replace('@', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        if (arm.shareGroup()) {
            broker.shareAutoOffsetReset(groupId, "earliest");
        }
        Progress progress = new Progress(expected);
        RunSpec spec = new RunSpec(topic, groupId, consumerProperties(groupId), progress, handler.apply(progress),
                System.nanoTime() + timeout.toNanos());
        String error = null;
        try {
            arm.consume(spec);
        } catch (Exception | LinkageError e) {
            error = e.toString();
        }
        if (error == null && !progress.isDone()) {
            error = "handled " + progress.count() + " of " + expected + " records within " + timeout.toSeconds() + " s";
        }
        long committed = arm.shareGroup() ? acknowledged(groupId, topic, expected) : committed(groupId, topic);
        return new RunResult(arm.name(), expected, progress.count(), progress.elapsedNanos(), progress.startupNanos(),
                committed, progress.meanLatencyNanos(), error, progress.cpuNanos());
    }

    /** @return the sum of the group's committed offsets on the topic (the records it has committed), or -1 */
    long committed(String groupId, String topic) {
        return sumOnTopic(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), topic,
                OffsetAndMetadata::offset);
    }

    /**
     * Reads a share group's progress: the sum of its share-partition start offsets (every record
     * below one is acknowledged). The start offset the broker reports can stay behind records
     * acknowledged last (seen at the end of scenario 5), so when it is short a new member of the
     * group polls for {@link #SHARE_CHECK}: what it is delivered was not acknowledged, the rest was.
     *
     * @return the records of the topic the group has acknowledged, or -1
     */
    long acknowledged(String groupId, String topic, long expected) {
        long start = startOffsets(groupId, topic);
        if (start < 0 || start >= expected) {
            return start;
        }
        return expected - deliveredAgain(groupId, topic);
    }

    /** @return how many records of the topic a new member of the share group is delivered within the check */
    private long deliveredAgain(String groupId, String topic) {
        Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        long delivered = 0;
        try (KafkaShareConsumer<byte[], byte[]> member = new KafkaShareConsumer<>(properties)) {
            member.subscribe(List.of(topic));
            long deadline = System.nanoTime() + SHARE_CHECK.toNanos();
            while (System.nanoTime() - deadline < 0) {
                delivered += member.poll(Duration.ofMillis(200)).count();
            }
        }
        return delivered;
    }

    private long startOffsets(String groupId, String topic) {
        return sumOnTopic(admin.listShareGroupOffsets(Map.of(groupId, new ListShareGroupOffsetsSpec()))
                .partitionsToOffsetInfo(groupId), topic, SharePartitionOffsetInfo::startOffset);
    }

    /** @return the sum over the topic's partitions of the offsets the admin client answers, or -1 */
    private static <V> long sumOnTopic(KafkaFuture<Map<TopicPartition, V>> answer, String topic,
                                       ToLongFunction<V> offset) {
        try {
            long sum = 0;
            for (Map.Entry<TopicPartition, V> entry : answer.get(10, TimeUnit.SECONDS).entrySet()) {
                if (entry.getKey().topic().equals(topic) && entry.getValue() != null) {
                    sum += offset.applyAsLong(entry.getValue());
                }
            }
            return sum;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    /** @return the broker settings that matter for these benchmarks, as the broker reports them */
    List<String> brokerSettings() {
        List<String> lines = new ArrayList<>();
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            String nodeId = String.valueOf(nodes.iterator().next().id());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, nodeId);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            for (String name : REPORTED_BROKER_SETTINGS) {
                ConfigEntry entry = config.get(name);
                lines.add(name + "=" + (entry == null ? "(not reported)" : entry.value()));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            lines.add("(broker settings could not be read: " + e + ")");
        }
        return lines;
    }

    /** @return the JVM the Parallel Consumer arms run in, started on first use */
    ParallelConsumerProcess parallelConsumer() {
        return parallelConsumer;
    }

    @Override
    public void close() {
        parallelConsumer.close();
        admin.close(Duration.ofSeconds(5));
        broker.close();
    }
}
