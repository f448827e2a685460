package io.kafkify.consumers.engine.internal;

import io.kafkify.consumers.domain.NonRetryableException;
import io.kafkify.consumers.domain.PayloadException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one place that decides what a failure means, walking its cause chain: a
 * {@link VirtualMachineError} anywhere fails the consumer; a {@link PayloadException}, a
 * {@link NonRetryableException} or a declared non-retryable type anywhere goes to the failure
 * policy at once; anything else is retried. A decoder's exception that is not a
 * {@code PayloadException} (a schema registry that timed out) is therefore retried.
 *
 * <p>Threading: immutable, thread-safe.
 */
final class FailureClassifier {

    /** What a failure means for its record. */
    enum Verdict {
        RETRYABLE, NON_RETRYABLE, FATAL
    }

    private static final int MAX_DEPTH = 64;

    private final Set<Class<? extends Throwable>> nonRetryable;

    FailureClassifier(Set<Class<? extends Throwable>> nonRetryable) {
        this.nonRetryable = Set.copyOf(nonRetryable);
    }

    Verdict classify(Throwable failure) {
        Verdict verdict = Verdict.RETRYABLE;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH && seen.add(cause); depth++) {
            if (cause instanceof VirtualMachineError) {
                return Verdict.FATAL;
            }
            if (verdict == Verdict.RETRYABLE && isNonRetryable(cause)) {
                verdict = Verdict.NON_RETRYABLE;
            }
            cause = causeOf(cause);
        }
        return verdict;
    }

    private boolean isNonRetryable(Throwable cause) {
        if (cause instanceof PayloadException || cause instanceof NonRetryableException) {
            return true;
        }
        for (Class<? extends Throwable> type : nonRetryable) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** A broken {@code getCause()} ends the chain rather than the classification. */
    private static @Nullable Throwable causeOf(Throwable failure) {
        try {
            return failure.getCause();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
