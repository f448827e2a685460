package io.kafkify.consumers.engine.simulation;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Ordering;
import java.util.Arrays;
import java.util.Random;

/**
 * The fixed choices of one simulated schedule, drawn from its seed: the engine's settings and
 * the shape of the log. Everything else (what each handler call does, which event comes next)
 * is drawn while the schedule runs, from the same seed.
 *
 * @param ordering the ordering under test
 * @param failurePolicy the failure policy under test
 * @param maxAttempts attempts per record
 * @param maxConcurrency handlers at once
 * @param maxBufferedRecords the buffer bound; at least twice {@code maxPollRecords}
 * @param maxPollRecords the most records one poll returns
 * @param backoffMillis the first retry's backoff, in simulated milliseconds (0: retry at once)
 * @param defaultHandler whether the topic has a default handler (else code C is unrouted)
 * @param deadLetterUnrouted whether unrouted records are dead-lettered
 * @param throwingObserver whether the outcome observer throws now and then
 * @param hangPartition the one partition whose records may hang, or -1 for no hangs
 * @param steps how many steps the schedule runs before it winds down
 * @param logSizes records per partition
 * @param keys distinct keys (some records have none)
 */
record Scenario(Ordering ordering, FailurePolicy failurePolicy, int maxAttempts, int maxConcurrency,
                int maxBufferedRecords, int maxPollRecords, long backoffMillis, boolean defaultHandler,
                boolean deadLetterUnrouted, boolean throwingObserver, int hangPartition, int steps, int[] logSizes,
                int keys) {

    static final String TOPIC = "sim";

    static Scenario draw(Random random) {
        Ordering[] orderings = Ordering.values();
        // The classic engine's policies, in their order of old, so that each seed draws the scenario it always did.
        FailurePolicy[] policies = {FailurePolicy.DEAD_LETTER, FailurePolicy.STOP, FailurePolicy.SKIP};
        int partitions = 1 + random.nextInt(3);
        int[] sizes = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            sizes[p] = random.nextInt(41);
        }
        int maxPoll = 1 + random.nextInt(6);
        return new Scenario(orderings[random.nextInt(orderings.length)], policies[random.nextInt(policies.length)],
                1 + random.nextInt(4), 1 + random.nextInt(4), 2 * maxPoll + random.nextInt(20), maxPoll,
                random.nextInt(4), random.nextBoolean(), random.nextInt(4) == 0, random.nextInt(3) == 0,
                random.nextInt(3) == 0 ? random.nextInt(partitions) : -1, 60 + random.nextInt(300), sizes,
                1 + random.nextInt(4));
    }

    int partitions() {
        return logSizes.length;
    }

    @Override
    public String toString() {
        return ordering + " " + failurePolicy + " maxAttempts=" + maxAttempts + " maxConcurrency=" + maxConcurrency
                + " bound=" + maxBufferedRecords + " maxPoll=" + maxPollRecords + " backoff=" + backoffMillis
                + "ms defaultHandler=" + defaultHandler + " deadLetterUnrouted=" + deadLetterUnrouted
                + " throwingObserver=" + throwingObserver + " hangPartition=" + hangPartition + " steps=" + steps
                + " logs=" + Arrays.toString(logSizes) + " keys=" + keys;
    }
}
