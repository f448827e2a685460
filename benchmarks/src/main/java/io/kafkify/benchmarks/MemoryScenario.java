package io.kafkify.benchmarks;

import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 3: a backlog far larger than the buffer, and a slow handler. Kafkify should hold at
 * most {@code maxBufferedRecords} records, pausing fetches, so that the heap stays flat whatever
 * the backlog. Sampled: the adapter's buffered count, the used heap, and the live heap (used heap
 * right after a forced full GC, at fixed intervals).
 */
final class MemoryScenario {

    static final String TOPIC = "s3-backlog";
    private static final int PARTITIONS = 4;

    private MemoryScenario() {
    }

    /** What the scenario measured, for the quick-mode test. */
    record Outcome(int bound, int maxBuffered, long handled, List<Long> liveHeap) {
    }

    static Outcome run(Lab lab, Settings settings, Report report) {
        report.heading("Scenario 3: memory under a backlog");
        long backlog = settings.backlogRecords();
        long loadNanos = lab.load(TOPIC, PARTITIONS, backlog, settings.keys());
        long handlerMs = settings.backlogHandlerLatency().toMillis();
        Duration duration = settings.backlogDuration();
        long gcEveryMillis = Math.max(500, duration.toMillis() / 10);
        int bound = KafkaConsumerConfig.DEFAULT_MAX_BUFFERED_RECORDS;
        report.line(String.format(Locale.ROOT, "Topic %s: a backlog of %,d records, %d partitions (loaded in %s). "
                        + "Kafkify PARTITION with its default bounds (maxBufferedRecords %,d, max.poll.records %d, "
                        + "maxConcurrency %d); the handler sleeps %d ms per record. Runs %d s; buffered records and "
                        + "used heap sampled every %d ms, live heap (used after a forced full GC) every %,d ms.",
                TOPIC, backlog, PARTITIONS, Report.millis(loadNanos), bound, KafkaConsumerConfig.DEFAULT_MAX_POLL_RECORDS,
                KafkaConsumerConfig.DEFAULT_MAX_CONCURRENCY, handlerMs, duration.toSeconds(), 5, gcEveryMillis));
        report.line("");

        RunResult result;
        MemorySampler sampler = new MemorySampler(gcEveryMillis, () -> 0);
        try (sampler) {
            KafkifyArm arm = new KafkifyArm(Ordering.PARTITION, 0, sampler::watch);
            result = lab.run(arm, TOPIC, backlog, progress -> () -> {
                try {
                    Thread.sleep(handlerMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                progress.record();
            }, duration);
        }
        if (result.error() != null && !result.error().startsWith("handled ")) {
            report.problem("S3 " + result.arm() + ": " + result.error());
        }
        report.line(String.format(Locale.ROOT, "    S3 run %s handled %,d records in %d s, committed %,d", result.arm(),
                result.handled(), duration.toSeconds(), result.committed()));
        report.line("");

        List<Long> liveHeap = sampler.liveHeap();
        long baseline = sampler.baseline();
        int maxBuffered = sampler.maxBuffered();
        List<String> liveMiB = new ArrayList<>();
        for (long bytes : liveHeap) {
            liveMiB.add(String.format(Locale.ROOT, "%.1f", bytes / 1048576.0));
        }
        report.table(List.of("measure", "value"), List.of(
                List.of("records handled in the window", String.format(Locale.ROOT, "%,d of %,d", result.handled(), backlog)),
                List.of("buffered records, max sampled", String.format(Locale.ROOT, "%,d (bound %,d)", maxBuffered, bound)),
                List.of("buffered records at each forced GC", sampler.bufferedAtGc().toString()),
                List.of("live heap before the consumer started", Report.mebibytes(baseline)),
                List.of("live heap at each forced GC, MiB", String.join(", ", liveMiB)),
                List.of("used heap, max sampled (includes garbage not yet collected)", Report.mebibytes(sampler.peakHeap()))));

        boolean bounded = maxBuffered <= bound;
        boolean flat = isFlat(liveHeap);
        String growth = liveHeap.size() < 2 ? "n/a" : String.format(Locale.ROOT, "%+.1f MiB from the first forced GC "
                + "to the last", (liveHeap.get(liveHeap.size() - 1) - liveHeap.get(0)) / 1048576.0);
        report.verdict(String.format(Locale.ROOT, "S3 memory: buffered at most %,d records against a bound of %,d with "
                        + "a backlog of %,d; live heap %s above the pre-start baseline at the end, %s. Goal: buffered "
                        + "never above the bound and heap flat: %s", maxBuffered, bound, backlog,
                liveHeap.isEmpty() ? "n/a" : Report.mebibytes(liveHeap.get(liveHeap.size() - 1) - baseline), growth,
                bounded && flat ? "MET" : "MISSED"));
        return new Outcome(bound, maxBuffered, result.handled(), liveHeap);
    }

    /**
     * Flat: the live heap at the last forced GC is within 10 % (and 8 MiB) of the first one taken
     * once the buffer had filled, i.e. it does not grow with the records consumed.
     */
    static boolean isFlat(List<Long> liveHeap) {
        if (liveHeap.size() < 2) {
            return false;
        }
        long first = liveHeap.get(0);
        long last = liveHeap.get(liveHeap.size() - 1);
        return last <= first * 1.10 + 8 * 1048576;
    }
}
