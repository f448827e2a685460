package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.PartitionProgress;
import io.kafkify.consumers.domain.StoppedPartition;
import io.kafkify.consumers.domain.StuckPartition;
import io.kafkify.consumers.engine.spi.EngineState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The engine's counts of outcomes and its last error. Guarded by the engine's lock. */
final class Counters {

    private long handled;
    private long unrouted;
    private long failed;
    private long deadLettered;
    private long skipped;
    private @Nullable String lastError;

    void handled() {
        handled++;
    }

    void unrouted() {
        unrouted++;
    }

    void failed(String reason) {
        failed++;
        lastError = reason;
    }

    void deadLettered() {
        deadLettered++;
    }

    void skipped() {
        skipped++;
    }

    void error(String reason) {
        lastError = reason;
    }

    EngineState snapshot(int buffered, int inFlight, List<StoppedPartition> stopped, @Nullable Throwable fatal,
                         List<PartitionProgress> partitions, List<StuckPartition> stuck) {
        return new EngineState(buffered, inFlight, stopped, lastError, fatal, handled, unrouted, failed, deadLettered,
                skipped, partitions, stuck);
    }
}
