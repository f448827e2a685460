package io.kafkify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every scenario in quick mode (tiny counts, one round, no JMH) on a real broker, so that the
 * benchmarks keep compiling and working. It checks that they work, never how fast: speed goals
 * are reported by the full run, not asserted.
 */
class BenchmarksQuickIT {

    private static BenchmarkSuite.Outcome outcome;

    @BeforeAll
    static void run_the_quick_mode_once() {
        outcome = BenchmarkSuite.run(Settings.quick(), System.out);
    }

    @Test
    void every_arm_runs_without_problems() {
        assertThat(outcome.report().problems()).isEmpty();
    }

    @Test
    void every_throughput_and_io_bound_arm_handles_and_commits_every_record() {
        List<RunResult> runs = outcome.report().runs();
        assertThat(runs.stream().map(RunResult::arm).collect(Collectors.toSet())).isEqualTo(Set.of(
                "poll-only", "raw-loop", "kafkify-partition", "kafkify-partition-metrics", "kafkify-partition-observed",
                "kafkify-partition-observed-sampled", "kafkify-key", "spring-kafka", "parallel-consumer-key@16",
                "kafkify-key@64", "kafkify-key@256", "parallel-consumer-key@64", "parallel-consumer-key@256",
                "kafkify-partition@64", "kafkify-share@3x16", "kafkify-key@48"));
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.complete()).as("%s handled every record: %s", run.arm(), run).isTrue();
            if (!run.arm().equals(PollOnlyArm.NAME)) {   // the ceiling commits nothing by design
                assertThat(run.committed()).as("%s committed every record", run.arm())
                        .isGreaterThanOrEqualTo(run.expected());
            }
        });
    }

    @Test
    void kafkify_never_buffers_more_than_its_bound_under_a_backlog() {
        MemoryScenario.Outcome memory = outcome.memory();
        assertThat(memory.handled()).isPositive();
        assertThat(memory.maxBuffered()).isPositive().isLessThanOrEqualTo(memory.bound());
        assertThat(memory.liveHeap()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void one_hung_record_neither_breaks_the_bound_nor_stops_the_other_partitions() {
        assertThat(outcome.stuck()).extracting(StuckRecordScenario.Outcome::ordering)
                .containsExactly(io.kafkify.consumers.domain.Ordering.KEY, io.kafkify.consumers.domain.Ordering.PARTITION);
        assertThat(outcome.stuck()).allSatisfy(stuck -> {
            assertThat(stuck.maxBuffered()).as("%s", stuck.ordering()).isPositive().isLessThanOrEqualTo(stuck.bound());
            assertThat(stuck.handledElsewhere()).as("%s: records handled in partitions 1-3", stuck.ordering())
                    .isPositive();
        });
    }

    @Test
    void per_record_cost_is_measured_for_every_operation() {
        assertThat(outcome.perRecordCost().keySet()).containsExactlyInAnyOrderElementsOf(PerRecordCostScenario.OPERATIONS);
        assertThat(outcome.perRecordCost().values()).allSatisfy(stats -> assertThat(stats.median()).isPositive());
    }

    @Test
    void the_report_ends_with_the_verdicts_of_every_scenario() {
        assertThat(outcome.report().verdicts()).hasSize(10);
        assertThat(outcome.report().verdicts()).zipSatisfy(List.of("S1 ceiling", "S1 observers (every span",
                        "S1 observers (new traces", "S1 throughput", "S2 ", "S3 ", "S3b ", "S5 queue", "S4 per-record",
                        "S4 lazy"),
                (verdict, prefix) -> assertThat(verdict).startsWith(prefix)
                        .containsPattern(prefix.equals("S5 queue") ? "\\(no goal: [^)]*\\)$" : "(MET|MISSED)$"));
    }
}
