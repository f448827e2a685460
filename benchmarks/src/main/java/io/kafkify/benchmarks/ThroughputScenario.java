package io.kafkify.benchmarks;

import io.kafkify.consumers.domain.Ordering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 1: throughput at least once. A handler that only counts; the arms differ in how they
 * poll, dispatch and commit. The poll-only loop is the client's own ceiling; the raw loop is the
 * hand-written reference that does the same work as the others.
 */
final class ThroughputScenario {

    static final String TOPIC = "s1-throughput";
    static final String RAW = "raw-loop";
    static final String KAFKIFY_PARTITION = "kafkify-partition";
    static final String KAFKIFY_KEY = "kafkify-key";
    static final String SPRING = "spring-kafka";
    /** Parallel Consumer at Kafkify's default maxConcurrency, so that both run 16 handler threads. */
    static final int PC_CONCURRENCY = 16;

    private ThroughputScenario() {
    }

    static void run(Lab lab, Settings settings, Report report) {
        report.heading("Scenario 1: throughput, at least once");
        long records = settings.throughputRecords();
        long loadNanos = lab.load(TOPIC, settings.throughputPartitions(), records, settings.keys());
        report.line(String.format(Locale.ROOT, "Topic %s: %,d records of %d–%d bytes of JSON with a code field, "
                        + "%d partitions, %,d keys (loaded in %s). Handler: counts. %d warm-up round(s), %d measured "
                        + "round(s); every round runs every arm once, in a rotating order, each on a new group.",
                TOPIC, records, Workload.minValueLength(), Workload.maxValueLength(), settings.throughputPartitions(),
                settings.keys(), Report.millis(loadNanos), settings.warmups(), settings.repetitions()));
        report.line("");

        List<Arm> arms = new ArrayList<>();
        arms.add(new PollOnlyArm());
        arms.add(new RawConsumerArm());
        arms.add(new KafkifyArm(Ordering.PARTITION, 0));
        for (ObservedKafkifyArm.Variant variant : ObservedKafkifyArm.Variant.values()) {
            arms.add(new ObservedKafkifyArm(variant));
        }
        arms.add(new KafkifyArm(Ordering.KEY, 0));
        arms.add(new SpringKafkaArm());
        arms.add(new ParallelConsumerArm(lab.parallelConsumer(), PC_CONCURRENCY, 0));
        arms.removeIf(arm -> !settings.includes(arm));

        Duration timeout = Duration.ofSeconds(120 + records / 10_000);
        Map<String, List<RunResult>> measured = Rounds.run(lab, report, "S1", arms, settings, TOPIC, records,
                progress -> progress::record, timeout);

        List<List<String>> rows = new ArrayList<>();
        Map<String, Stats> rates = new LinkedHashMap<>();
        Map<String, Stats> cpu = new LinkedHashMap<>();
        Map<String, Stats> ratios = Rounds.pairedRatios(measured, RAW);
        Map<String, Stats> toCeiling = Rounds.pairedRatios(measured, PollOnlyArm.NAME);
        for (Arm arm : arms) {
            List<RunResult> results = measured.get(arm.name());
            List<Double> perSecond = new ArrayList<>();
            List<Double> startup = new ArrayList<>();
            List<Double> cpuPerRecord = new ArrayList<>();
            for (RunResult result : results) {
                perSecond.add(result.recordsPerSecond());
                startup.add((double) result.startupNanos());
                cpuPerRecord.add(result.cpuNanosPerRecord());
            }
            Stats stats = Stats.of(perSecond);
            rates.put(arm.name(), stats);
            cpu.put(arm.name(), Stats.of(cpuPerRecord));
            rows.add(List.of(arm.name(), Report.rateStats(stats), ratioCell(toCeiling, arm.name()),
                    ratioCell(ratios, arm.name()), micros(cpu.get(arm.name())),
                    Report.millis(Stats.of(startup).median()), Rounds.completeness(results), arm.description()));
        }
        report.line("records/s from the first handled record to the last; median (min – max) over the measured "
                + "rounds. Ratios: the arm's rate over the poll-only ceiling's, and over the raw loop's, in the same "
                + "round, median (min – max). CPU: the benchmark JVM's process CPU time (all threads, GC and JIT "
                + "included) from the first handled record to the last, per record, median (min – max); the Parallel "
                + "Consumer arm runs in a JVM of its own and is not measured. Start-up: consumer created to first "
                + "record handled (joining the group), median. The poll-only arm commits nothing by design.");
        report.line("");
        report.table(List.of("arm", "records/s", "ratio to poll-only", "ratio to raw loop", "CPU µs/record",
                "start-up", "all handled and committed", "set-up"), rows);

        payloadGoals(report, toCeiling, cpu);
        Map<String, Stats> toPartition = Rounds.pairedRatios(measured, KAFKIFY_PARTITION);
        observerGoal(report, ObservedKafkifyArm.NAME, "every span recorded", toPartition, cpu);
        observerGoal(report, ObservedKafkifyArm.SAMPLED_NAME,
                "new traces sampled at " + ObservedKafkifyArm.SAMPLED_RATIO, toPartition, cpu);
        Stats kafkify = ratios.get(KAFKIFY_PARTITION);
        Stats raw = rates.get(RAW);
        if (kafkify == null || raw == null || kafkify.isEmpty() || raw.isEmpty()) {
            report.verdict("S1 throughput: not measured (arms " + rates.keySet() + ")");
            return;
        }
        double partition = rates.get(KAFKIFY_PARTITION).median();
        double spring = median(rates, SPRING);
        double pc = median(rates, "parallel-consumer-key@" + PC_CONCURRENCY);
        boolean met = kafkify.median() >= 0.90 && !(partition <= spring) && !(partition <= pc);
        report.verdict(String.format(Locale.ROOT,
                "S1 throughput: Kafkify PARTITION %s the raw loop (%s vs %s records/s); Kafkify KEY %s; Spring %s; "
                        + "Parallel Consumer KEY %s. Goal >= 0.90x raw and ahead of Spring and Parallel Consumer: %s",
                Report.ratio(kafkify.median()), Report.rate(partition), Report.rate(raw.median()),
                ratioOf(ratios, KAFKIFY_KEY), ratioOf(ratios, SPRING),
                ratioOf(ratios, "parallel-consumer-key@" + PC_CONCURRENCY), met ? "MET" : "MISSED"));
    }

    /** The goals of the lazy payload path: near the client's own limit, and less CPU than a hand-written loop. */
    private static void payloadGoals(Report report, Map<String, Stats> toCeiling, Map<String, Stats> cpu) {
        Stats partition = toCeiling.get(KAFKIFY_PARTITION);
        Stats kafkifyCpu = cpu.get(KAFKIFY_PARTITION);
        Stats rawCpu = cpu.get(RAW);
        if (partition == null || partition.isEmpty() || kafkifyCpu == null || rawCpu == null
                || kafkifyCpu.isEmpty() || rawCpu.isEmpty()) {
            report.verdict("S1 ceiling and CPU: not measured (needs the poll-only, raw-loop and kafkify-partition arms)");
            return;
        }
        double cpuRatio = kafkifyCpu.median() / rawCpu.median();
        Stats ceilingCpu = cpu.get(PollOnlyArm.NAME);
        report.verdict(String.format(Locale.ROOT,
                "S1 ceiling and CPU: Kafkify PARTITION %s the poll-only ceiling, goal >= 0.95x: %s; CPU per record "
                        + "%s µs against the raw loop's %s µs (poll-only %s µs), %s, goal <= 0.70x: %s",
                Report.ratio(partition.median()), partition.median() >= 0.95 ? "MET" : "MISSED",
                micros(kafkifyCpu.median()), micros(rawCpu.median()),
                ceilingCpu == null ? "n/a" : micros(ceilingCpu.median()), Report.ratio(cpuRatio),
                cpuRatio <= 0.70 ? "MET" : "MISSED"));
    }

    /** The goal of issue 14: the observer adapters on cost at most 5 % of rate and of CPU per record. */
    private static void observerGoal(Report report, String arm, String how, Map<String, Stats> toPartition,
                                     Map<String, Stats> cpu) {
        Stats rate = toPartition.get(arm);
        Stats observedCpu = cpu.get(arm);
        Stats plainCpu = cpu.get(KAFKIFY_PARTITION);
        if (rate == null || rate.isEmpty() || observedCpu == null || plainCpu == null || observedCpu.isEmpty()
                || plainCpu.isEmpty()) {
            report.verdict("S1 observers (" + how + "): not measured (needs the kafkify-partition and " + arm
                    + " arms)");
            return;
        }
        double cpuRatio = observedCpu.median() / plainCpu.median();
        boolean met = rate.median() >= 0.95 && cpuRatio <= 1.05;
        report.verdict(String.format(Locale.ROOT,
                "S1 observers (%s): Kafkify PARTITION with Micrometer and OpenTelemetry on runs at %s the rate "
                        + "without them (paired), CPU per record %s µs against %s µs, %s; goal >= 0.95x rate and "
                        + "<= 1.05x CPU: %s",
                how, Report.ratio(rate.median()), micros(observedCpu.median()), micros(plainCpu.median()),
                Report.ratio(cpuRatio), met ? "MET" : "MISSED"));
    }

    private static String ratioCell(Map<String, Stats> ratios, String arm) {
        return ratios.containsKey(arm) ? Report.ratioStats(ratios.get(arm)) : "n/a";
    }

    private static String micros(Stats stats) {
        return stats.isEmpty() ? "n/a"
                : micros(stats.median()) + " (" + micros(stats.min()) + " – " + micros(stats.max()) + ")";
    }

    private static String micros(double nanos) {
        return Double.isNaN(nanos) ? "n/a" : String.format(Locale.ROOT, "%.2f", nanos / 1000);
    }

    private static double median(Map<String, Stats> rates, String arm) {
        Stats stats = rates.get(arm);
        return stats == null ? Double.NaN : stats.median();
    }

    private static String ratioOf(Map<String, Stats> ratios, String arm) {
        Stats stats = ratios.get(arm);
        return stats == null || stats.isEmpty() ? "n/a (did not run or failed)" : Report.ratio(stats.median());
    }
}
