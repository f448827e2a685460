package io.kafkify.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the scenarios the settings choose, on one broker, and reports them: first the machine and
 * the settings, then one section per scenario, then one line per scenario with its key ratio and
 * whether its goal is met.
 */
final class BenchmarkSuite {

    /** What a run measured, for the caller. */
    record Outcome(Report report, MemoryScenario.Outcome memory, List<StuckRecordScenario.Outcome> stuck,
                   Map<String, Stats> perRecordCost) {
    }

    private BenchmarkSuite() {
    }

    static Outcome run(Settings settings, PrintStream out) {
        // The method asks for a warm-up and at least 5 rounds; a shorter run still reports, with a label.
        Report report = new Report(out, settings.warmups() >= 1 && settings.repetitions() >= 5);
        Instant started = Instant.now();
        report.line("# Kafkify benchmarks (" + settings.mode() + " mode)");
        report.heading("Machine and settings");
        for (String line : Environment.describe()) {
            report.line("- " + line);
        }
        report.line("- Started: " + started);
        report.line("- Scenarios: " + new TreeSet<>(settings.scenarios()) + (settings.armFilter().isEmpty() ? ""
                : ", arms matching \"" + settings.armFilter() + "\""));
        report.line("- Consumer settings of every arm (Kafkify's defaults): " + consumerSettings());

        MemoryScenario.Outcome memory = null;
        List<StuckRecordScenario.Outcome> stuck = List.of();
        Map<String, Stats> cost = Map.of();
        if (settings.runs(1) || settings.runs(2) || settings.runs(3) || settings.runs(5)) {
            try (Lab lab = Lab.start()) {
                report.line("- Broker: " + Lab.BROKER_HEAP + ", EmbeddedKafkaBroker single-node defaults plus "
                        + Lab.BROKER_PROPERTIES + "; as the broker reports them: "
                        + String.join(", ", lab.brokerSettings()));
                report.line("- Parallel Consumer " + Versions.parallelConsumer() + " is built against kafka-clients "
                        + "3.9 and fails on kafka-clients 4 (NoClassDefFoundError: "
                        + "org/apache/kafka/common/utils/CloseableIterator), so its arms run in a JVM of their own "
                        + "(-Xms1g -Xmx1g, G1, kept for the whole run) on kafka-clients 3.9.1, against the same broker.");
                if (settings.runs(1)) {
                    ThroughputScenario.run(lab, settings, report);
                    report.line("Load average after scenario 1: " + Environment.loadAverage());
                }
                if (settings.runs(2)) {
                    IoBoundScenario.run(lab, settings, report);
                    report.line("Load average after scenario 2: " + Environment.loadAverage());
                }
                if (settings.runs(3)) {
                    memory = MemoryScenario.run(lab, settings, report);
                    report.line("Load average after scenario 3: " + Environment.loadAverage());
                    stuck = StuckRecordScenario.run(lab, settings, report);
                    report.line("Load average after scenario 3b: " + Environment.loadAverage());
                }
                if (settings.runs(5)) {
                    QueueScenario.run(lab, settings, report);
                    report.line("Load average after scenario 5: " + Environment.loadAverage());
                }
            }
        }
        if (settings.runs(4)) {
            cost = PerRecordCostScenario.run(settings, report);
        }
        report.finish();
        report.line("");
        report.line(String.format(Locale.ROOT, "Took %d s; load average at the end: %s.",
                Duration.between(started, Instant.now()).toSeconds(), Environment.loadAverage()));
        return new Outcome(report, memory, stuck, cost);
    }

    private static String consumerSettings() {
        Map<String, Object> properties = new TreeMap<>(KafkifyArm.defaultConsumerProperties("localhost:9092", "g"));
        for (String name : List.of("bootstrap.servers", "group.id")) {
            properties.remove(name);
        }
        StringBuilder text = new StringBuilder();
        properties.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name).append('=')
                .append(value instanceof Class<?> type ? type.getSimpleName() : value));
        return text.toString();
    }

}
