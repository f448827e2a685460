package io.kafkify.benchmarks;

/**
 * Runs the benchmarks: {@code benchmarks/run.sh [--quick|--full] [options]} builds the module and
 * starts this class; see {@link Settings#parse(String...)} for the options. Prints Markdown to
 * standard output. Exits with 1 when a run did not handle or commit every record (a broken arm),
 * not when a speed goal is missed: goals are reported, not enforced.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        BenchmarkSuite.Outcome outcome = BenchmarkSuite.run(settings, System.out);
        System.exit(outcome.report().problems().isEmpty() ? 0 : 1);
    }
}
