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
 * Scenario 2: I/O-bound handlers on one partition with many keys, where only running keys in
 * parallel helps. The limit of an arm is min(keys, concurrency) / handler latency, with the
 * latency measured in the run (a 10 ms sleep takes a little longer than 10 ms).
 */
final class IoBoundScenario {

    static final String TOPIC = "s2-io-bound";

    private IoBoundScenario() {
    }

    static void run(Lab lab, Settings settings, Report report) {
        report.heading("Scenario 2: I/O-bound handlers");
        long records = settings.ioRecords();
        int keys = settings.keys();
        long latencyMs = settings.ioLatency().toMillis();
        long loadNanos = lab.load(TOPIC, 1, records, keys);

        List<Arm> arms = new ArrayList<>();
        Map<String, Integer> concurrency = new LinkedHashMap<>();
        for (int c : settings.ioConcurrency()) {
            Arm kafkify = new KafkifyArm(Ordering.KEY, c);
            Arm pc = new ParallelConsumerArm(lab.parallelConsumer(), c, latencyMs);
            arms.add(kafkify);
            arms.add(pc);
            concurrency.put(kafkify.name(), c);
            concurrency.put(pc.name(), c);
        }
        int first = settings.ioConcurrency().get(0);
        Arm partition = new KafkifyArm(Ordering.PARTITION, first);
        arms.add(partition);
        concurrency.put(partition.name(), first);
        arms.removeIf(arm -> !settings.includes(arm));

        report.line(String.format(Locale.ROOT, "Topic %s: %,d records, 1 partition, %,d keys (loaded in %s). Handler: "
                        + "Thread.sleep(%d), then counts; its latency is measured. %s handles one record at a time, "
                        + "so it runs on the first %,d records only. %d warm-up round(s), %d measured round(s), "
                        + "interleaved.", TOPIC, records, keys, Report.millis(loadNanos), latencyMs, partition.name(),
                Math.min(records, settings.ioPartitionCap()), settings.warmups(), settings.repetitions()));
        report.line("");

        Function<Progress, Runnable> handler = Progress.sleepingHandler(latencyMs);
        Function<Arm, Long> expected = arm -> arm == partition ? Math.min(records, settings.ioPartitionCap()) : records;
        long slowest = Math.min(records, settings.ioPartitionCap()) * latencyMs / 1000;
        Duration timeout = Duration.ofSeconds(60 + Math.max(slowest * 3, records * latencyMs / 1000 / first * 5));
        Map<String, List<RunResult>> measured = Rounds.run(lab, report, "S2", arms, settings, TOPIC, expected, handler,
                timeout);

        List<List<String>> rows = new ArrayList<>();
        Map<String, Stats> ratios = new LinkedHashMap<>();
        for (Arm arm : arms) {
            LimitRow row = LimitRow.of(arm, measured.get(arm.name()), Math.min(keys, concurrency.get(arm.name())));
            rows.add(row.cells());
            ratios.put(arm.name(), row.ratio());
        }
        report.line("Limit: min(keys, maxConcurrency) / measured mean handler latency. Ratio: records/s over the "
                + "limit of the same run, median (min – max).");
        report.line("");
        report.table(LimitRow.HEADER, rows);

        Stats kafkify = ratios.get("kafkify-key@" + first);
        Stats pc = ratios.get("parallel-consumer-key@" + first);
        if (kafkify == null || kafkify.isEmpty()) {
            report.verdict("S2 I/O-bound: Kafkify KEY@" + first + " not measured");
            return;
        }
        boolean ahead = pc == null || pc.isEmpty() || kafkify.median() > pc.median();
        boolean met = kafkify.median() >= 0.80 && ahead;
        StringBuilder others = new StringBuilder();
        ratios.forEach((name, stats) -> {
            if (!name.equals("kafkify-key@" + first)) {
                others.append(others.length() == 0 ? "" : ", ").append(name).append(' ')
                        .append(stats.isEmpty() ? "n/a" : Report.ratio(stats.median()));
            }
        });
        report.verdict(String.format(Locale.ROOT, "S2 I/O-bound: Kafkify KEY@%d %s the limit; %s. Goal >= 0.80x the "
                        + "limit at %d and ahead of Parallel Consumer: %s", first, Report.ratio(kafkify.median()),
                others.length() == 0 ? "no other arm ran" : others, first, met ? "MET" : "MISSED"));
    }
}
