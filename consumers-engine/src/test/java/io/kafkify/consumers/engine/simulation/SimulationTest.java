package io.kafkify.consumers.engine.simulation;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * The engine against thousands of seeded schedules of the {@link Simulation}. A failure prints
 * its seed, its scenario and the last events; {@code -Dkafkify.test.seed=N} reruns that one seed
 * and prints every event, {@code -Dkafkify.simulation.schedules=N} runs more (or fewer).
 */
class SimulationTest {

    private static final int SCHEDULES = Integer.getInteger("kafkify.simulation.schedules", 10_000);

    @Test
    void every_invariant_holds_over_thousands_of_seeded_schedules() {
        Long only = Long.getLong("kafkify.test.seed");
        long first = only != null ? only : 1;
        long last = only != null ? only : SCHEDULES;
        for (long seed = first; seed <= last; seed++) {
            Simulation simulation = new Simulation(seed, ProcessingEngineDriver::new, only != null);
            Simulation.Violation violation = simulation.run();
            if (violation != null) {
                fail("seed %d (rerun with -Dkafkify.test.seed=%d): %s%nscenario: %s%nlast events:%n%s", seed, seed,
                        violation.getMessage(), simulation.scenario, simulation.trace());
            }
        }
    }
}
