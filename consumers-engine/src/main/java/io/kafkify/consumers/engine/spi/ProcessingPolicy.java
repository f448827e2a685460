package io.kafkify.consumers.engine.spi;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Ordering;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * How records are run and what happens when they fail: the settings the Kafka adapter and the
 * in-memory adapter share, so that a failure path tested in memory behaves the same on a
 * broker.
 *
 * @param ordering which records may run at the same time
 * @param maxConcurrency the most handlers running at once
 * @param maxAttempts attempts per record, the first included (1 means no retry)
 * @param retryBackoff the delay before the first retry; it doubles with each retry
 * @param maxRetryBackoff the longest delay between two attempts
 * @param failurePolicy what happens after the last attempt
 * @param deadLetterSuffix appended to a topic's name to name its dead-letter topic
 * @param deadLetterUnrouted whether records no handler takes go to the dead-letter topic
 *     instead of being skipped
 * @param nonRetryable exception types (and their subtypes) that go to the failure policy at once
 */
public record ProcessingPolicy(Ordering ordering, int maxConcurrency, int maxAttempts, Duration retryBackoff,
                               Duration maxRetryBackoff, FailurePolicy failurePolicy, String deadLetterSuffix,
                               boolean deadLetterUnrouted, Set<Class<? extends Throwable>> nonRetryable) {
    /**
     * Checks and normalizes the components.
     *
     * @param ordering see {@link #ordering()}
     * @param maxConcurrency see {@link #maxConcurrency()}
     * @param maxAttempts see {@link #maxAttempts()}
     * @param retryBackoff see {@link #retryBackoff()}
     * @param maxRetryBackoff see {@link #maxRetryBackoff()}
     * @param failurePolicy see {@link #failurePolicy()}
     * @param deadLetterSuffix see {@link #deadLetterSuffix()}
     * @param deadLetterUnrouted see {@link #deadLetterUnrouted()}
     * @param nonRetryable see {@link #nonRetryable()}
     */
    public ProcessingPolicy {
        Objects.requireNonNull(ordering, "ordering");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        Objects.requireNonNull(deadLetterSuffix, "deadLetterSuffix");
        nonRetryable = Set.copyOf(nonRetryable);
        if (maxConcurrency < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxConcurrency and maxAttempts must be at least 1, were "
                    + maxConcurrency + " and " + maxAttempts);
        }
    }

    /**
     * The delay before the next attempt: exponential from {@code retryBackoff}, capped at
     * {@code maxRetryBackoff}, with "equal jitter" (between half and all of it), so that
     * records failing together do not retry in lockstep.
     *
     * @param failedAttempts how many attempts have failed so far, from 1
     * @param random draws the jitter (a seeded one in a deterministic test)
     * @return the delay
     */
    public Duration backoff(int failedAttempts, RandomGenerator random) {
        long ceiling = ceilingMillis(failedAttempts);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1)));
    }

    /**
     * @param failedAttempts how many attempts have failed so far, from 1
     * @return the most {@link #backoff(int, RandomGenerator)} may return: {@code retryBackoff × 2^(n-1)}, capped
     */
    public long ceilingMillis(int failedAttempts) {
        long base = retryBackoff.toMillis();
        long cap = maxRetryBackoff.toMillis();
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 40));
        long ceiling = base << doublings;
        if (ceiling < 0 || (doublings > 0 && ceiling >> doublings != base)) {
            ceiling = Long.MAX_VALUE;
        }
        return Math.min(ceiling, cap);
    }

    /**
     * @param topic a topic
     * @return its dead-letter topic
     */
    public String deadLetterTopic(String topic) {
        return topic + deadLetterSuffix;
    }

    /**
     * @param policy the failure policy
     * @return this policy with another failure policy
     */
    public ProcessingPolicy withFailurePolicy(FailurePolicy policy) {
        return new ProcessingPolicy(ordering, maxConcurrency, maxAttempts, retryBackoff, maxRetryBackoff,
                policy, deadLetterSuffix, deadLetterUnrouted, nonRetryable);
    }

    /**
     * @param first the delay before the first retry
     * @param most the longest delay between two attempts
     * @return this policy with other retry delays
     */
    public ProcessingPolicy withRetryBackoff(Duration first, Duration most) {
        return new ProcessingPolicy(ordering, maxConcurrency, maxAttempts, first, most, failurePolicy,
                deadLetterSuffix, deadLetterUnrouted, nonRetryable);
    }
}
