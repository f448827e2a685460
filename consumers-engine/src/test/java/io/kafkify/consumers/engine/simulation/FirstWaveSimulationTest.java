package io.kafkify.consumers.engine.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.engine.simulation.Simulation.Fault;
import io.kafkify.consumers.engine.simulation.Simulation.Kind;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The simulation run on the first wave's dispatcher, as the Kafka adapter drove it: it finds the
 * defects that review reproduced by hand (issue 10, defects 1 to 5), each in schedules that
 * allow only the faults that defect needs.
 */
class FirstWaveSimulationTest {

    @Test
    void finds_the_first_waves_defects() {
        find("1: loss after STOP and resume, KEY", Kind.LOSS, EnumSet.of(Fault.POISON),
                s -> s.ordering() == Ordering.KEY && s.failurePolicy() == FailurePolicy.STOP);
        find("1: loss after STOP and resume, UNORDERED", Kind.LOSS, EnumSet.of(Fault.POISON),
                s -> s.ordering() == Ordering.UNORDERED && s.failurePolicy() == FailurePolicy.STOP);
        find("2: gives up on revoke", Kind.GAVE_UP_EARLY, EnumSet.of(Fault.REBALANCES),
                s -> s.failurePolicy() == FailurePolicy.SKIP && s.maxAttempts() > 1);
        find("2: gives up on stop", Kind.GAVE_UP_EARLY, EnumSet.of(Fault.EARLY_STOP),
                s -> s.failurePolicy() == FailurePolicy.DEAD_LETTER && s.maxAttempts() > 1);
        find("3: unbounded behind a hung record, KEY", Kind.UNBOUNDED, EnumSet.noneOf(Fault.class),
                s -> s.ordering() == Ordering.KEY && s.hangPartition() >= 0);
        find("3: unbounded behind a hung record, UNORDERED", Kind.UNBOUNDED, EnumSet.noneOf(Fault.class),
                s -> s.ordering() == Ordering.UNORDERED && s.hangPartition() >= 0);
        find("4: a throwing observer wedges a lane", Kind.WEDGED, EnumSet.of(Fault.THROWING_OBSERVER),
                s -> s.throwingObserver());
        find("4: an exception whose getMessage() throws wedges a lane", Kind.WEDGED, EnumSet.of(Fault.EVIL),
                s -> s.failurePolicy() != FailurePolicy.SKIP);
        find("5: one hung partition stalls the others, PARTITION", Kind.STALLED, EnumSet.noneOf(Fault.class),
                s -> s.ordering() == Ordering.PARTITION && s.hangPartition() >= 0 && s.partitions() > 1
                        && s.maxConcurrency() > 1);
        find("8: a position moving back kills the loop", Kind.WEDGED, EnumSet.of(Fault.RESETS), s -> true);
        find("one classifier: a wrapped NonRetryableException is retried", Kind.RETRIED_PERMANENT,
                EnumSet.of(Fault.PERMANENT), s -> true);
    }

    private static void find(String defect, Kind kind, Set<Fault> faults, Predicate<Scenario> scenarios) {
        long tried = 0;
        for (long seed = 1; seed <= 200_000; seed++) {
            Scenario scenario = Scenario.draw(new Random(seed));
            if (!scenarios.test(scenario)) {
                continue;
            }
            tried++;
            Simulation simulation = new Simulation(seed, scenario, faults, FirstWaveDispatcherDriver::new, false);
            Simulation.Violation violation = simulation.run();
            if (violation != null && violation.kind == kind) {
                System.out.printf("defect %s: seed %d, faults %s, schedule %d of its kind [%s]%n    %s%n", defect, seed,
                        faults, tried, scenario, violation.getMessage());
                return;
            }
        }
        assertThat(tried).as("no schedule found defect " + defect).isNegative();
    }
}
