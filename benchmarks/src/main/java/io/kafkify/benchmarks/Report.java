package io.kafkify.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's output, in Markdown so that a full run pastes into {@code docs/benchmarks.md}
 * as it is. Also keeps every run and every goal verdict for the caller (the quick-mode test).
 */
final class Report {

    private final PrintStream out;
    private final boolean measurement;
    private final List<RunResult> runs = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * @param out where the Markdown goes
     * @param measurement false for a quick or shortened run, whose figures do not judge a goal
     */
    Report(PrintStream out, boolean measurement) {
        this.out = out;
        this.measurement = measurement;
    }

    void heading(String text) {
        out.println();
        out.println("## " + text);
        out.println();
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    void table(List<String> header, List<List<String>> rows) {
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|" + " --- |".repeat(header.size()));
        for (List<String> row : rows) {
            out.println("| " + String.join(" | ", row) + " |");
        }
        out.println();
        out.flush();
    }

    /** Prints a run as it finishes, so that a long benchmark shows progress. */
    void progress(String scenario, String round, RunResult run) {
        runs.add(run);
        String rate = run.complete() ? rate(run.recordsPerSecond()) + " records/s" : "INCOMPLETE: " + run.error();
        line(String.format(Locale.ROOT, "    %s %s %-26s %s (committed %s of %,d)", scenario, round, run.arm(),
                rate, run.committed() < 0 ? "?" : String.format(Locale.ROOT, "%,d", run.committed()), run.expected()));
        if (!run.complete()) {
            problems.add(scenario + " " + round + " " + run.arm() + ": " + run.error());
        }
    }

    /** @param text {@code S<n> <scenario>: <key ratio>. Goal ...: MET|MISSED} */
    void verdict(String text) {
        verdicts.add(measurement ? text : text.replaceFirst(":", " (quick or shortened run, not a measurement):"));
    }

    void problem(String text) {
        problems.add(text);
    }

    /** Prints the closing lines: one per scenario with its key ratio and whether the goal is met. */
    void finish() {
        heading("Summary");
        for (String verdict : verdicts) {
            line("- " + verdict);
        }
        if (!problems.isEmpty()) {
            line("");
            line("Problems:");
            for (String problem : problems) {
                line("- " + problem);
            }
        }
    }

    List<RunResult> runs() {
        return List.copyOf(runs);
    }

    List<String> verdicts() {
        return List.copyOf(verdicts);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "n/a" : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    static String rateStats(Stats stats) {
        return stats.isEmpty() ? "n/a"
                : rate(stats.median()) + " (" + rate(stats.min()) + " – " + rate(stats.max()) + ")";
    }

    static String ratioStats(Stats stats) {
        return stats.isEmpty() ? "n/a"
                : ratio(stats.median()) + " (" + ratio(stats.min()) + " – " + ratio(stats.max()) + ")";
    }

    static String millis(double nanos) {
        return Double.isNaN(nanos) || nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
    }

    static String mebibytes(double bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
