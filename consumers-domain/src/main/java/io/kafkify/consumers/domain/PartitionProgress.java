package io.kafkify.consumers.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How far one assigned partition has got, for health checks and gauges.
 *
 * @param partition the partition
 * @param buffered records of the partition fetched and not yet committable
 * @param committable the offset the consumer may commit (every record below it is finished), or
 *     -1 before the first record finished
 * @param endOffset the partition's end offset (log end, or last stable offset under
 *     {@code read_committed}) as the client last saw it, or -1 when not known yet
 * @param oldestUnfinishedAge how long the oldest record of the partition that is fetched and not
 *     finished has been in the consumer (zero when none waits)
 * @param committableStill how long the committable offset has not moved while records wait (zero
 *     when none waits)
 */
public record PartitionProgress(PartitionId partition, int buffered, long committable, long endOffset,
                                Duration oldestUnfinishedAge, Duration committableStill) {
    /**
     * Checks the components.
     *
     * @param partition see {@link #partition()}
     * @param buffered see {@link #buffered()}
     * @param committable see {@link #committable()}
     * @param endOffset see {@link #endOffset()}
     * @param oldestUnfinishedAge see {@link #oldestUnfinishedAge()}
     * @param committableStill see {@link #committableStill()}
     */
    public PartitionProgress {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(oldestUnfinishedAge, "oldestUnfinishedAge");
        Objects.requireNonNull(committableStill, "committableStill");
    }

    /**
     * @return records between the committable offset and the end of the partition: what is left
     *     to commit; zero when either is not known yet
     */
    public long committedLag() {
        if (endOffset < 0 || committable < 0) {
            return 0;
        }
        return Math.max(0, endOffset - committable);
    }
}
