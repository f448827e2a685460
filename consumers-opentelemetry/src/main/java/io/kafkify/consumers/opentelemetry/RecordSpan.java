package io.kafkify.consumers.opentelemetry;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.AttemptScope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.Optional;

/** One attempt's span, current on the handler thread until the attempt ends, then ended with its outcome. */
final class RecordSpan implements AttemptScope {

    private final Span span;
    private final Scope scope;
    private final FailedAttempts failedAttempts;

    RecordSpan(Span span, Scope scope, FailedAttempts failedAttempts) {
        this.span = span;
        this.scope = scope;
        this.failedAttempts = failedAttempts;
    }

    @Override
    public void ended(RecordOutcome outcome, long nanos) {
        try {
            if (outcome instanceof RecordOutcome.Failed failed) {
                failedAttempts.remember(failed.coordinates(), span.getSpanContext());
            }
            if (span.isRecording()) {
                describe(outcome);
            }
        } finally {
            scope.close();
            span.end();
        }
    }

    /** Sets the outcome's attributes and status: only on a recorded span, a dropped one ignores them anyway. */
    private void describe(RecordOutcome outcome) {
        Optional<Message> decoded = outcome.decoded();
        String code = decoded.isPresent() ? decoded.get().code() : null;
        if (code != null) {
            span.setAttribute(SpanAttributes.CODE, code);
        }
        if (outcome instanceof RecordOutcome.Failed failed) {
            span.setAttribute(SpanAttributes.OUTCOME, "failed");
            span.setAttribute(SpanAttributes.ERROR_TYPE, failed.cause().getClass().getName());
            span.recordException(failed.cause());
            span.setStatus(StatusCode.ERROR, failed.reason());
        } else {
            span.setAttribute(SpanAttributes.OUTCOME,
                    outcome instanceof RecordOutcome.Unrouted ? "unrouted" : "handled");
        }
    }
}
