package io.kafkify.consumers.micrometer;

import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PartitionProgress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The consumer's state as the gauges read it: taken at most every 100 ms, so a scrape asks the engine once. */
final class StateSnapshot {

    static final StateSnapshot NONE = new StateSnapshot(() -> new ConsumerState(ConsumerStatus.STARTING, List.of(),
            List.of(), null, 0, 0, 0, 0, 0, 0));
    private static final long MAX_AGE_NANOS = 100_000_000L;

    private final Supplier<ConsumerState> source;
    private volatile @Nullable ConsumerState last;
    private volatile long takenAt;

    StateSnapshot(Supplier<ConsumerState> source) {
        this.source = source;
    }

    ConsumerState get() {
        ConsumerState seen = last;
        long now = System.nanoTime();
        if (seen == null || now - takenAt > MAX_AGE_NANOS) {
            seen = source.get();
            last = seen;
            takenAt = now;
        }
        return seen;
    }

    Optional<PartitionProgress> progress(PartitionId partition) {
        for (PartitionProgress progress : get().partitions()) {
            if (progress.partition().equals(partition)) {
                return Optional.of(progress);
            }
        }
        return Optional.empty();
    }
}
