package io.kafkify.consumers.opentelemetry.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.engine.spi.archfixture.OrderObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/** Architecture fixture, compliant: the OpenTelemetry adapter of the engine's observer port, on the API alone. */
public final class OrderSpans {

    private final Tracer tracer;

    public OrderSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    public OrderObserver observer() {
        return event -> {
            Span span = tracer.spanBuilder("order").setParent(Context.root()).startSpan();
            span.end();
        };
    }

    public boolean traces(OrderEvent event) {
        return event != null;
    }
}
