package io.kafkify.consumers.infrastructure.archfixture;

import io.opentelemetry.api.trace.Span;

/** Architecture fixture, violation: the Kafka adapter uses OpenTelemetry, the technology of another adapter. */
public final class AdapterTracingWithOpenTelemetry {

    public boolean traced() {
        return Span.current().getSpanContext().isValid();
    }
}
