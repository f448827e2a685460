package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.PartitionProgress;
import io.kafkify.consumers.domain.StuckPartition;
import java.time.Duration;
import java.util.List;

/**
 * The health rule for work that does not move: a partition is stuck when its oldest unfinished
 * record has been in the consumer, or its committable offset has stood while records wait, longer
 * than the maximum (SmallRye's {@code throttled.unprocessed-record-max-age.ms} is the anchor).
 */
final class Stuck {

    private Stuck() {
    }

    static void check(PartitionProgress progress, long maxNanos, List<StuckPartition> stuck) {
        Duration max = Duration.ofNanos(maxNanos);
        if (progress.oldestUnfinishedAge().compareTo(max) > 0) {
            stuck.add(new StuckPartition(progress.partition(), "its oldest unfinished record (offset "
                    + progress.committable() + ") has waited " + describe(progress.oldestUnfinishedAge())
                    + ", longer than maxUnfinishedAge (" + describe(max) + ")"));
        } else if (progress.committableStill().compareTo(max) > 0) {
            stuck.add(new StuckPartition(progress.partition(), "its committable offset " + progress.committable()
                    + " has not moved for " + describe(progress.committableStill()) + " while "
                    + progress.buffered() + " records wait, longer than maxUnfinishedAge (" + describe(max) + ")"));
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() + " ms";
    }
}
