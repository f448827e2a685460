package io.kafkify.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * How big a benchmark run is. {@link #quick()} is for the build (every scenario, tiny counts,
 * one repetition, no JMH); {@link #full()} is the measurement the issue asks for.
 *
 * @param mode {@code quick} or {@code full}
 * @param scenarios which scenarios to run (1 to 5)
 * @param armFilter when not empty, only arms whose name contains one of its comma-separated parts run
 *     (for profiling one arm, or comparing two: {@code raw-loop,kafkify-key})
 * @param warmups rounds run and discarded before the measured ones
 * @param repetitions measured rounds; every arm runs once per round, in a rotating order
 * @param throughputRecords scenario 1: records in the topic
 * @param throughputPartitions scenario 1: partitions
 * @param keys scenarios 1 and 2: distinct keys
 * @param ioRecords scenario 2: records in the one-partition topic
 * @param ioLatency scenario 2: how long the handler waits
 * @param ioConcurrency scenario 2: the maxConcurrency values compared
 * @param ioPartitionCap scenario 2: records the PARTITION arm handles (it runs one at a time)
 * @param backlogRecords scenario 3: the backlog
 * @param backlogDuration scenario 3: how long the slow consumer runs
 * @param backlogHandlerLatency scenario 3: how long the slow handler waits per record
 * @param queueRecords scenario 5: records in the one-partition queue topic (its handler waits {@code ioLatency})
 * @param jmh scenario 4: JMH (forked, warmed up) when true, a short in-process timing loop when false
 */
record Settings(String mode, Set<Integer> scenarios, String armFilter, int warmups, int repetitions,
                long throughputRecords, int throughputPartitions, int keys, long ioRecords, Duration ioLatency,
                List<Integer> ioConcurrency, long ioPartitionCap, long backlogRecords, Duration backlogDuration,
                Duration backlogHandlerLatency, long queueRecords, boolean jmh) {

    static Settings quick() {
        return new Settings("quick", Set.of(1, 2, 3, 4, 5), "", 0, 1, 5_000, 4, 1_000, 2_000, Duration.ofMillis(10),
                List.of(64, 256), 50, 20_000, Duration.ofSeconds(3), Duration.ofMillis(1), 1_000, false);
    }

    static Settings full() {
        return new Settings("full", Set.of(1, 2, 3, 4, 5), "", 1, 5, 2_000_000, 4, 1_000, 20_000, Duration.ofMillis(10),
                List.of(64, 256), 500, 1_000_000, Duration.ofSeconds(30), Duration.ofMillis(1), 24_000, true);
    }

    /**
     * @param args {@code --quick} or {@code --full} (default quick), then overrides:
     *     {@code --scenarios 1,3}, {@code --arms kafkify}, {@code --records N} (scenario 1),
     *     {@code --reps N}, {@code --warmups N}, {@code --no-jmh}
     * @return the settings
     */
    static Settings parse(String... args) {
        Settings settings = quick();
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.remove("--full")) {
            settings = full();
        }
        rest.remove("--quick");
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String value = i + 1 < rest.size() ? rest.get(i + 1) : null;
            switch (arg) {
                case "--scenarios" -> {
                    Set<Integer> chosen = new TreeSet<>();
                    for (String part : require(arg, value).split(",")) {
                        chosen.add(Integer.parseInt(part.trim()));
                    }
                    settings = settings.with(chosen, settings.armFilter, settings.warmups, settings.repetitions,
                            settings.throughputRecords, settings.jmh);
                    i++;
                }
                case "--arms" -> {
                    settings = settings.with(settings.scenarios, require(arg, value), settings.warmups,
                            settings.repetitions, settings.throughputRecords, settings.jmh);
                    i++;
                }
                case "--records" -> {
                    settings = settings.with(settings.scenarios, settings.armFilter, settings.warmups,
                            settings.repetitions, Long.parseLong(require(arg, value)), settings.jmh);
                    i++;
                }
                case "--reps" -> {
                    settings = settings.with(settings.scenarios, settings.armFilter, settings.warmups,
                            Integer.parseInt(require(arg, value)), settings.throughputRecords, settings.jmh);
                    i++;
                }
                case "--warmups" -> {
                    settings = settings.with(settings.scenarios, settings.armFilter,
                            Integer.parseInt(require(arg, value)), settings.repetitions, settings.throughputRecords,
                            settings.jmh);
                    i++;
                }
                case "--no-jmh" -> settings = settings.with(settings.scenarios, settings.armFilter, settings.warmups,
                        settings.repetitions, settings.throughputRecords, false);
                default -> throw new IllegalArgumentException("Unknown argument \"" + arg + "\". Use --quick or "
                        + "--full, then --scenarios 1,2,3,4,5 --arms NAME[,NAME] --records N --reps N --warmups N --no-jmh.");
            }
        }
        return settings;
    }

    boolean runs(int scenario) {
        return scenarios.contains(scenario);
    }

    boolean includes(Arm arm) {
        if (armFilter.isEmpty()) {
            return true;
        }
        for (String part : armFilter.split(",")) {
            if (!part.isBlank() && arm.name().contains(part.trim())) {
                return true;
            }
        }
        return false;
    }

    private Settings with(Set<Integer> chosen, String filter, int warm, int reps, long records, boolean useJmh) {
        return new Settings(mode, Set.copyOf(chosen), filter, warm, reps, records, throughputPartitions, keys,
                ioRecords, ioLatency, ioConcurrency, ioPartitionCap, backlogRecords, backlogDuration,
                backlogHandlerLatency, queueRecords, useJmh);
    }

    private static String require(String name, @Nullable String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }
}
