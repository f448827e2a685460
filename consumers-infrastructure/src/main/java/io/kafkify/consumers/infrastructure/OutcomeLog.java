package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.EngineObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what becomes of records, through SLF4J: a record no handler takes once per topic and
 * code (then at DEBUG); failed attempts, dead letters and skips at WARN for the first of each
 * topic, then in one WARN line a minute that counts the others (each at DEBUG), so that a burst
 * of bad records cannot flood the log; every stop and abandoned attempt. Counting is the
 * engine's; this observer only writes. Both adapters log through it, so a record's story reads
 * the same on a broker and in memory.
 *
 * <p>Threading: called on handler threads; thread-safe.
 */
public final class OutcomeLog implements EngineObserver {

    /** The shortest time between two WARN lines about the failures of one topic. */
    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final FailurePolicy policy;
    private final Set<String> unroutedSeen = ConcurrentHashMap.newKeySet();
    private final LogLimiter limiter;

    /**
     * @param adapter the adapter whose logger writes, e.g. {@code KafkaBaseConsumerAdapter.class}
     * @param policy the failure policy, named in the lines about records retrying cannot help
     */
    public OutcomeLog(Class<?> adapter, FailurePolicy policy) {
        this(adapter, policy, SUMMARY_INTERVAL, System::nanoTime);
    }

    OutcomeLog(Class<?> adapter, FailurePolicy policy, Duration summaryInterval, LongSupplier nanoTime) {
        this.log = LoggerFactory.getLogger(Objects.requireNonNull(adapter, "adapter"));
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limiter = new LogLimiter(summaryInterval, nanoTime);
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
            limited("published to " + dead.deadLetterTopic(), dead.topic(),
                    "Record " + dead.coordinates() + " was published to " + dead.deadLetterTopic() + " after "
                            + dead.failure().attempt() + " attempts: " + dead.failure().reason(), null);
        } else if (outcome instanceof RecordOutcome.Skipped skip) {
            if (policy == FailurePolicy.REJECT) {
                limited("rejected", skip.topic(), "Record " + skip.coordinates() + " is rejected and archived by the "
                        + "broker (failure policy REJECT): " + skip.failure().reason(), null);
            } else {
                limited("skipped and committed", skip.topic(),
                        "Record " + skip.coordinates() + " is skipped and committed (failure policy SKIP): "
                                + skip.failure().reason(), null);
            }
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
        String topic = failure.topic();
        if (failure.willRetry()) {
            limited("failed, to be retried", topic, "Attempt " + failure.attempt() + " at " + failure.coordinates()
                    + " failed in " + where + "; trying again after a backoff: " + failure.reason(), null);
        } else if (failure.retryable()) {
            limited("failed for the last time", topic, "Attempt " + failure.attempt() + " at "
                    + failure.coordinates() + " failed in " + where + ", its last: " + failure.reason(),
                    failure.cause());
        } else {
            // A payload problem or a declared non-retryable failure: the message is the whole story.
            limited("not retryable", topic, failure.coordinates() + " cannot be handled by " + where
                    + " and is not retried; the failure policy " + policy + " takes it: " + failure.reason(), null);
        }
    }

    /**
     * Writes a line about a record's failure: at WARN for the first of its topic and kind, then
     * at DEBUG, with one WARN line a minute that says how many there were.
     */
    private void limited(String what, String topic, String line, @Nullable Throwable cause) {
        LogLimiter.Verdict verdict = limiter.next(what + " " + topic);
        if (verdict instanceof LogLimiter.Verdict.First) {
            log.warn(line + " (further records of topic " + topic + " " + what + ": counted in one line a minute,"
                    + " each at DEBUG)", cause);
        } else if (verdict instanceof LogLimiter.Verdict.Summary summary) {
            log.warn(summary.quieted() + " more records of topic " + topic + " " + what + " in the last "
                    + summary.since().toSeconds() + " s, each at DEBUG; the latest: " + line, cause);
        } else {
            log.debug(line, cause);
        }
    }

    @Override
    public void deadLetterFailed(DeadLetter deadLetter, Throwable error) {
        log.warn("Publishing {} to {} failed; it is not committed and is published again after a backoff: {}",
                deadLetter.original().coordinates(), deadLetter.topic(), String.valueOf(error));
    }
}
