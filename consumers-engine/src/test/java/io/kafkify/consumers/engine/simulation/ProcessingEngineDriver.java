package io.kafkify.consumers.engine.simulation;

import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.EngineInternals;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.FlowControl;
import io.kafkify.consumers.engine.ProcessingEngine;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.engine.spi.Scheduler;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/** The {@link ProcessingEngine} under simulation: simulated executor, time and dead-letter topic. */
final class ProcessingEngineDriver implements EngineDriver {

    private final ProcessingEngine engine;

    ProcessingEngineDriver(Parts parts) {
        SimulatedTime time = parts.time();
        Scheduler scheduler = new Scheduler() {
            @Override
            public long nanoTime() {
                return time.nanoTime();
            }

            @Override
            public void schedule(Duration delay, Runnable task) {
                time.schedule(delay, task);
            }

            @Override
            public boolean awaitUntil(BooleanSupplier condition, Duration timeout) {
                return time.await(condition, timeout);
            }

            @Override
            public void signal() {
            }
        };
        this.engine = ProcessingEngine.builder(parts.policy())
                .decoding(parts.keys(), parts.values(), parts.codes(), parts.binder())
                .executor(parts.executor())
                .scheduler(scheduler)
                .deadLetters(parts.publisher())
                .observer(new EngineObserver() {
                    @Override
                    public void outcome(RecordOutcome outcome) {
                        parts.observer().outcome(outcome);
                    }
                })
                .bounds(parts.maxBufferedRecords(), parts.maxPollRecords())
                .random(new Random(parts.maxBufferedRecords() * 31L + parts.maxPollRecords()))
                .build();
        parts.handlers().forEach(engine::register);
    }

    @Override
    public void assign(Collection<PartitionId> partitions) {
        engine.assign(partitions);
    }

    @Override
    public Map<PartitionId, Long> revoke(Collection<PartitionId> partitions, Duration timeout) {
        return engine.revoke(partitions, timeout);
    }

    @Override
    public void lose(Collection<PartitionId> partitions) {
        engine.lose(partitions);
    }

    @Override
    public void accept(PartitionId partition, List<RawRecord> records) {
        engine.accept(partition, records);
    }

    @Override
    public Flow flow() {
        FlowControl flow = engine.flowControl();
        return new Flow(flow.paused(), flow.seeks());
    }

    @Override
    public Map<PartitionId, Long> commitReady() {
        return engine.commitReady();
    }

    @Override
    public void committed(Map<PartitionId, Long> offsets) {
        engine.committed(offsets);
    }

    @Override
    public void commitFailed(Map<PartitionId, Long> offsets) {
        engine.commitFailed(offsets);
    }

    @Override
    public void resume(PartitionId partition) {
        engine.resume(partition);
    }

    @Override
    public Map<PartitionId, Long> stop(Duration timeout) {
        return engine.stop(timeout);
    }

    @Override
    public void checkInternalInvariants() {
        EngineInternals.checkInvariants(engine);
    }
}
