package io.kafkify.benchmarks;

import io.kafkify.consumers.domain.Ordering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Scenario 5: a queue on one partition. Three members of a share group, which work the partition
 * together and acknowledge each record, against one member of a classic group with KEY ordering,
 * which runs the partition's keys in parallel and commits offsets; both at the same total
 * concurrency, with an I/O-bound handler. The limit of both is concurrency / handler latency, with
 * the latency measured in the run.
 */
final class QueueScenario {

    static final String TOPIC = "s5-queue";
    static final int MEMBERS = 3;
    static final int CONCURRENCY_PER_MEMBER = 16;

    private QueueScenario() {
    }

    static void run(Lab lab, Settings settings, Report report) {
        report.heading("Scenario 5: a queue on one partition, share group against KEY ordering");
        long records = settings.queueRecords();
        long latencyMs = settings.ioLatency().toMillis();
        long loadNanos = lab.load(TOPIC, 1, records, settings.keys());

        ShareGroupArm share = new ShareGroupArm(MEMBERS, CONCURRENCY_PER_MEMBER);
        Arm key = new KafkifyArm(Ordering.KEY, share.concurrency());
        List<Arm> arms = new ArrayList<>(List.of(share, key));
        arms.removeIf(arm -> !settings.includes(arm));
        report.line(String.format(Locale.ROOT, "Topic %s: %,d records, 1 partition, %,d keys (loaded in %s). Handler: "
                        + "Thread.sleep(%d), then counts; its latency is measured. Both arms run %d handlers at most "
                        + "at once. %d warm-up round(s), %d measured round(s), interleaved. A share group's progress "
                        + "is read as the sum of its share-partition start offsets (everything below is "
                        + "acknowledged).", TOPIC, records, settings.keys(), Report.millis(loadNanos), latencyMs,
                share.concurrency(), settings.warmups(), settings.repetitions()));
        report.line("");

        Function<Progress, Runnable> handler = Progress.sleepingHandler(latencyMs);
        Duration timeout = Duration.ofSeconds(60 + records * latencyMs / 1000 / share.concurrency() * 5);
        Map<String, List<RunResult>> measured = Rounds.run(lab, report, "S5", arms, settings, TOPIC, records, handler,
                timeout);

        List<List<String>> rows = new ArrayList<>();
        Map<String, Stats> ratios = new LinkedHashMap<>();
        for (Arm arm : arms) {
            LimitRow row = LimitRow.of(arm, measured.get(arm.name()), share.concurrency());
            rows.add(row.cells());
            ratios.put(arm.name(), row.ratio());
        }
        report.line("Limit: total concurrency / measured mean handler latency. Ratio: records/s over the limit of "
                + "the same run, median (min – max). \"Committed\" is acknowledged for the share group.");
        report.line("");
        report.table(LimitRow.HEADER, rows);

        Stats shareRatio = ratios.get(share.name());
        Stats keyRatio = ratios.get(key.name());
        report.verdict(String.format(Locale.ROOT, "S5 queue: %s %s the limit, %s %s (no goal: the comparison is "
                        + "what docs/share-groups.md's advice rests on)", share.name(), ratioText(shareRatio),
                key.name(), ratioText(keyRatio)));
    }

    private static String ratioText(Stats stats) {
        return stats == null || stats.isEmpty() ? "n/a (did not run or failed)" : Report.ratio(stats.median());
    }
}
