package io.kafkify.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One arm of an I/O-bound scenario against its limit, {@code parallel} handlers each taking the
 * measured mean latency: the row of the scenario's table, and the arm's ratio to the limit.
 *
 * @param cells arm, records/s, handler latency, limit, ratio to limit, completeness, set-up
 * @param ratio per run, records/s over the limit of the same run
 */
record LimitRow(List<String> cells, Stats ratio) {

    /** The table's header, in the order of {@link #cells()}. */
    static final List<String> HEADER = List.of("arm", "records/s", "handler latency", "limit records/s",
            "ratio to limit", "all handled and committed", "set-up");

    /**
     * @param arm the arm
     * @param results its measured runs
     * @param parallel how many records can run at once: min(keys, concurrency)
     * @return its row
     */
    static LimitRow of(Arm arm, List<RunResult> results, int parallel) {
        List<Double> perSecond = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> latency = new ArrayList<>();
        for (RunResult result : results) {
            perSecond.add(result.recordsPerSecond());
            latency.add(result.meanLatencyNanos());
            ratio.add(result.recordsPerSecond() / (parallel * 1e9 / result.meanLatencyNanos()));
        }
        Stats latencyStats = Stats.of(latency);
        Stats ratioStats = Stats.of(ratio);
        double limit = latencyStats.isEmpty() ? Double.NaN : parallel * 1e9 / latencyStats.median();
        return new LimitRow(List.of(arm.name(), Report.rateStats(Stats.of(perSecond)),
                String.format(Locale.ROOT, "%.2f ms", latencyStats.median() / 1e6), Report.rate(limit),
                Report.ratioStats(ratioStats), Rounds.completeness(results), arm.description()), ratioStats);
    }
}
