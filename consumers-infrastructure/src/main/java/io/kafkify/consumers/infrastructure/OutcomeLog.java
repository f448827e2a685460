package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.EngineObserver;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what becomes of records, through SLF4J: a record no handler takes once per topic and
 * code (then at DEBUG), every failed attempt, dead letter, skip, stop and abandoned attempt.
 * Counting is the engine's; this observer only writes. Both adapters log through it, so a
 * record's story reads the same on a broker and in memory.
 *
 * <p>Threading: called on handler threads; thread-safe.
 */
public final class OutcomeLog implements EngineObserver {

    private final Logger log;
    private final FailurePolicy policy;
    private final Set<String> unroutedSeen = ConcurrentHashMap.newKeySet();

    /**
     * @param adapter the adapter whose logger writes, e.g. {@code KafkaBaseConsumerAdapter.class}
     * @param policy the failure policy, named in the lines about records retrying cannot help
     */
    public OutcomeLog(Class<?> adapter, FailurePolicy policy) {
        this.log = LoggerFactory.getLogger(Objects.requireNonNull(adapter, "adapter"));
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public void outcome(RecordOutcome outcome) {
        if (outcome instanceof RecordOutcome.Unrouted skipped) {
            String key = skipped.message().topic() + "/" + skipped.message().code();
            if (unroutedSeen.add(key)) {
                log.warn("No handler for {} (code {}): skipped and committed, as documented. Further records "
                        + "of this topic and code are logged at DEBUG.", skipped.coordinates(), skipped.message().code());
            } else {
                log.debug("No handler for {} (code {}): skipped", skipped.coordinates(), skipped.message().code());
            }
        } else if (outcome instanceof RecordOutcome.Failed failure) {
            failed(failure);
        } else if (outcome instanceof RecordOutcome.DeadLettered dead) {
            log.warn("Record {} was published to {} after {} attempts: {}", dead.coordinates(), dead.deadLetterTopic(),
                    dead.failure().attempt(), dead.failure().reason());
        } else if (outcome instanceof RecordOutcome.Skipped skip) {
            log.warn("Record {} is skipped and committed (failure policy SKIP): {}", skip.coordinates(),
                    skip.failure().reason());
        } else if (outcome instanceof RecordOutcome.Stopped stop) {
            log.error("Partition of {} is stopped at this record (failure policy STOP): nothing past it is handled or "
                    + "committed until resume(partition) is called. Cause: {}", stop.coordinates(),
                    stop.failure().reason());
        } else if (outcome instanceof RecordOutcome.Abandoned abandoned) {
            log.warn("Attempt {} at {} failed while its partition was {}: it is not retried here and not committed; "
                    + "it is handled again from there", abandoned.failure().attempt(), abandoned.coordinates(),
                    abandoned.why());
        }
    }

    private void failed(RecordOutcome.Failed failure) {
        String where = failure.handler() == null ? "decoding" : failure.handler();
        if (failure.willRetry()) {
            log.warn("Attempt {} at {} failed in {}; trying again after a backoff: {}", failure.attempt(),
                    failure.coordinates(), where, failure.reason());
        } else if (failure.retryable()) {
            log.warn("Attempt {} at {} failed in {}, its last: {}", failure.attempt(), failure.coordinates(), where,
                    failure.reason(), failure.cause());
        } else {
            // A payload problem or a declared non-retryable failure: the message is the whole story.
            log.warn("{} cannot be handled by {} and is not retried; the failure policy {} takes it: {}",
                    failure.coordinates(), where, policy, failure.reason());
        }
    }

    @Override
    public void deadLetterFailed(DeadLetter deadLetter, Throwable error) {
        log.warn("Publishing {} to {} failed; it is not committed and is published again after a backoff: {}",
                deadLetter.original().coordinates(), deadLetter.topic(), String.valueOf(error));
    }
}
