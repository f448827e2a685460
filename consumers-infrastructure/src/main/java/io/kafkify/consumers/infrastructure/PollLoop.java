package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.engine.ProcessingEngine;
import io.kafkify.consumers.domain.PartitionId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka adapter's poll loop, on the thread that called {@code listen()}: apply the engine's
 * flow control (seeks, pauses), poll, hand each partition's records to the engine, commit what
 * it offers, watch the connection; until stopped, or until a failure no retry can mend.
 *
 * <p>Threading: one thread, the only one that uses the {@code KafkaConsumer} (rebalance
 * callbacks and commit callbacks run on it too, inside {@code poll}).
 */
final class PollLoop {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBaseConsumerAdapter.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long END_OFFSETS_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final Consumer<byte[], byte[]> consumer;
    private final ProcessingEngine engine;
    private final PartitionFlow flow;
    private final OffsetCommitter committer;
    private final Connectivity connectivity;
    private final Status status;
    private final KafkaConsumerConfig config;
    private long endOffsetsSeenAt = System.nanoTime() - END_OFFSETS_EVERY_NANOS;

    PollLoop(Consumer<byte[], byte[]> consumer, ProcessingEngine engine, PartitionFlow flow, OffsetCommitter committer,
             Status status, KafkaConsumerConfig config) {
        this.consumer = consumer;
        this.engine = engine;
        this.flow = flow;
        this.committer = committer;
        this.connectivity = new Connectivity(consumer::metrics, status, engine::reportError, config,
                KafkaBaseConsumerAdapter.class, "consumer");
        this.status = status;
        this.config = config;
    }

    /**
     * @param stopRequested polled once per loop
     * @throws ConsumerStateException when the consumer failed for good; the message names why
     */
    void run(BooleanSupplier stopRequested) {
        while (!stopRequested.getAsBoolean()) {
            Throwable fatal = engine.fatal();
            if (fatal != null) {
                throw fail("A handler threw " + fatal + ", which is not a record's failure: the consumer stops. Nothing"
                        + " at or past the record was committed.", fatal, false);
            }
            flow.apply(engine.flowControl());
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(POLL_TIMEOUT);
            } catch (WakeupException e) {
                continue;
            } catch (AuthenticationException | AuthorizationException e) {
                throw fail(describeDenied(e), e, true);
            } catch (InvalidOffsetException e) {
                throw fail("No committed offset and auto.offset.reset=" + config.autoOffsetReset() + " for "
                        + e.partitions() + ". Commit offsets for the group or choose earliest or latest.", e, true);
            } catch (InterruptException e) {
                Thread.currentThread().interrupt();
                throw fail("The polling thread was interrupted", e, true);
            } catch (KafkaException e) {
                engine.reportError(e.toString());
                LOG.warn("Poll failed for group {}; polling again: {}", config.groupId(), e.toString());
                continue;
            }
            if (status.get() == ConsumerStatus.STARTING && flow.hasAssignment()) {
                status.set(ConsumerStatus.RUNNING);
            }
            for (TopicPartition partition : records.partitions()) {
                engine.accept(KafkaRecords.toId(partition), KafkaRecords.toRaw(records.records(partition)));
            }
            committer.commitAsync(engine.commitReady());
            reportEndOffsets();
            connectivity.watch(() -> flow.hasAssignment() ? ConsumerStatus.RUNNING : ConsumerStatus.STARTING);
        }
    }

    /**
     * Tells the engine, at most once a second, where each assigned partition ends, for its
     * committed lag: the fetch position plus the client's own lag, both known locally once a fetch
     * came back, so nothing here waits on the broker.
     */
    private void reportEndOffsets() {
        long now = System.nanoTime();
        if (now - endOffsetsSeenAt < END_OFFSETS_EVERY_NANOS) {
            return;
        }
        endOffsetsSeenAt = now;
        Map<PartitionId, Long> ends = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent()) {
                try {
                    ends.put(KafkaRecords.toId(partition), consumer.position(partition, Duration.ZERO) + lag.getAsLong());
                } catch (KafkaException e) {
                    // No position known without asking the broker: the next look sees it.
                }
            }
        }
        if (!ends.isEmpty()) {
            engine.endOffsets(ends);
        }
    }

    private ConsumerStateException fail(String reason, Throwable cause, boolean byTheClient) {
        status.failed(byTheClient);
        engine.reportError(reason);
        LOG.error("Consumer of group {} failed and stops: {}", config.groupId(), reason, cause);
        return new ConsumerStateException(reason, cause);
    }

    private String describeDenied(Exception e) {
        if (e instanceof GroupAuthorizationException group) {
            return "Not authorized to use consumer group \"" + group.groupId() + "\": " + e.getMessage()
                    + ". Grant the principal READ on the group.";
        }
        if (e instanceof TopicAuthorizationException topic) {
            return "Not authorized to read topics " + topic.unauthorizedTopics() + ": " + e.getMessage()
                    + ". Grant the principal READ and DESCRIBE on them.";
        }
        if (e instanceof SslAuthenticationException) {
            return "Authentication with " + config.bootstrapServers() + " failed: " + e.getMessage()
                    + ". Check that ssl.truststore.* trusts the broker's certificate and, where the broker requires "
                    + "client certificates, that ssl.keystore.* holds one it trusts.";
        }
        if (e instanceof AuthenticationException) {
            return "Authentication with " + config.bootstrapServers() + " failed: " + e.getMessage()
                    + ". Check security.protocol, sasl.mechanism and the user name and password in sasl.jaas.config.";
        }
        return "Authorization failed: " + e.getMessage();
    }
}
