package io.kafkify.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs arms interleaved: warm-up rounds, then measured rounds, every round running every arm once
 * in a rotating order, so that drift on the machine (another build, the broker's log growing)
 * touches every arm alike.
 */
final class Rounds {

    private Rounds() {
    }

    /**
     * @return per arm, its measured runs in round order
     */
    static Map<String, List<RunResult>> run(Lab lab, Report report, String scenario, List<Arm> arms,
                                             Settings settings, String topic, long expected,
                                             Function<Progress, Runnable> handler, Duration timeout) {
        return run(lab, report, scenario, arms, settings, topic, arm -> expected, handler, timeout);
    }

    /**
     * @param expectedOf the records each arm handles (an arm may be capped)
     * @return per arm, its measured runs in round order
     */
    static Map<String, List<RunResult>> run(Lab lab, Report report, String scenario, List<Arm> arms,
                                             Settings settings, String topic, Function<Arm, Long> expectedOf,
                                             Function<Progress, Runnable> handler, Duration timeout) {
        Map<String, List<RunResult>> measured = new LinkedHashMap<>();
        arms.forEach(arm -> measured.put(arm.name(), new ArrayList<>()));
        int rounds = settings.warmups() + settings.repetitions();
        for (int round = 0; round < rounds; round++) {
            boolean warmup = round < settings.warmups();
            String label = warmup ? "warm-up " + (round + 1) : "round " + (round - settings.warmups() + 1);
            for (int i = 0; i < arms.size(); i++) {
                Arm arm = arms.get((i + round) % arms.size());
                System.gc();
                RunResult result = lab.run(arm, topic, expectedOf.apply(arm), handler, timeout);
                report.progress(scenario, label, result);
                if (!warmup) {
                    measured.get(arm.name()).add(result);
                }
            }
        }
        return measured;
    }

    /**
     * @return per arm, its rate over the baseline's rate in the same round: median, min, max
     */
    static Map<String, Stats> pairedRatios(Map<String, List<RunResult>> measured, String baseline) {
        Map<String, Stats> ratios = new LinkedHashMap<>();
        List<RunResult> base = measured.get(baseline);
        if (base == null) {
            return ratios;
        }
        measured.forEach((arm, results) -> {
            List<Double> values = new ArrayList<>();
            for (int round = 0; round < Math.min(results.size(), base.size()); round++) {
                values.add(results.get(round).recordsPerSecond() / base.get(round).recordsPerSecond());
            }
            ratios.put(arm, Stats.of(values));
        });
        return ratios;
    }

    /** @return e.g. {@code 5/5 runs}, or which runs fell short */
    static String completeness(List<RunResult> results) {
        int complete = 0;
        int committed = 0;
        for (RunResult result : results) {
            if (result.complete()) {
                complete++;
            }
            if (result.committed() >= result.expected()) {
                committed++;
            }
        }
        if (complete == results.size() && committed == results.size()) {
            return "yes, " + results.size() + "/" + results.size() + " runs";
        }
        return "handled " + complete + "/" + results.size() + ", committed " + committed + "/" + results.size();
    }
}
