package io.kafkify.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 4 under JMH: nanoseconds per record of Kafkify's per-record bookkeeping, with and
 * without the JSON decode, against a bare {@code HashMap} look-up. Each invocation handles a
 * poll's worth of records, so the score is per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PerRecordWork.BATCH)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PerRecordCostBenchmark {

    private PerRecordWork work;
    private EnginePath engine;
    private EnginePath engineDecoding;

    @Setup
    public void setUp() {
        work = new PerRecordWork();
        engine = new EnginePath(false);
        engineDecoding = new EnginePath(true);
    }

    @Benchmark
    public long engineRouteAndTrack() {
        return engine.engineBatch();
    }

    @Benchmark
    public long engineDecodeRouteAndTrack() {
        return engineDecoding.engineBatch();
    }


    @Benchmark
    public long bareHashMapLookup() {
        return work.bareHashMapLookup();
    }

    @Benchmark
    public long routeAndTrack() {
        return work.routeAndTrack();
    }

    @Benchmark
    public long decodeRouteAndTrack() {
        return work.decodeRouteAndTrack();
    }

    @Benchmark
    public long streamCodeRouteAndTrack() {
        return work.streamCodeRouteAndTrack();
    }

    @Benchmark
    public long decodeOnly() {
        return work.decodeOnly();
    }

    @Benchmark
    public long lazyCodeRouteAndTrack() {
        return work.lazyCodeRouteAndTrack();
    }

    @Benchmark
    public long jacksonCodeRouteAndTrack() {
        return work.jacksonCodeRouteAndTrack();
    }

    @Benchmark
    public long bindDataFromBytes() {
        return work.bindDataFromBytes();
    }

    @Benchmark
    public long decodeEnvelopeOnly() {
        return work.decodeEnvelopeOnly();
    }

    @Benchmark
    public long bindDataOnly() {
        return work.bindDataOnly();
    }
}
