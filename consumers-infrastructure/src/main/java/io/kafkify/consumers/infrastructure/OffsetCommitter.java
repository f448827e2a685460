package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.engine.ProcessingEngine;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the engine says may be committed: asynchronously once per poll, synchronously on
 * revoke and on stop, and tells the engine what the broker confirmed (so that a synchronous
 * commit skips it) and what failed (so that it is offered again). With auto-commit on, commits
 * nothing: Kafka does.
 *
 * <p>Threading: the polling thread only; the async callbacks run there too, inside poll.
 */
final class OffsetCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);
    private static final int SYNC_ATTEMPTS = 3;

    private final Consumer<byte[], byte[]> consumer;
    private final ProcessingEngine engine;
    private final boolean autoCommit;
    private final Duration timeout;

    OffsetCommitter(Consumer<byte[], byte[]> consumer, ProcessingEngine engine, boolean autoCommit, Duration timeout) {
        this.consumer = consumer;
        this.engine = engine;
        this.autoCommit = autoCommit;
        this.timeout = timeout;
    }

    void commitAsync(Map<PartitionId, Long> offsets) {
        if (offsets.isEmpty() || autoCommit) {
            return;
        }
        consumer.commitAsync(KafkaRecords.toOffsets(offsets), this::onCommitted);
    }

    private void onCommitted(Map<TopicPartition, OffsetAndMetadata> offsets, Exception error) {
        if (error == null) {
            engine.committed(KafkaRecords.fromOffsets(offsets));
            return;
        }
        LOG.debug("Asynchronous commit of {} failed; it is offered again: {}", offsets, error.toString());
        engine.commitFailed(KafkaRecords.fromOffsets(offsets));
    }

    /**
     * @param offsets what to commit, as the engine gave it (the broker does not have it yet)
     * @param when for the log, e.g. {@code on revoke}
     */
    void commitSync(Map<PartitionId, Long> offsets, String when) {
        if (offsets.isEmpty() || autoCommit) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commits = KafkaRecords.toOffsets(offsets);
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.commitSync(commits, timeout);
                engine.committed(offsets);
                LOG.debug("Committed {} {}", commits, when);
                return;
            } catch (WakeupException e) {
                if (attempt >= SYNC_ATTEMPTS) {
                    LOG.warn("Commit of {} {} was interrupted by wake-ups; those records will be delivered again",
                            commits, when);
                    return;
                }
            } catch (KafkaException e) {
                engine.reportError("Commit of " + commits + " " + when + " failed: " + e);
                LOG.warn("Commit of {} {} failed; those records will be delivered again: {}", commits, when,
                        e.toString());
                return;
            }
        }
    }
}
