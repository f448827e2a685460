package io.kafkify.consumers.infrastructure.archfixture;

import io.kafkify.consumers.opentelemetry.archfixture.OrderSpans;

/** Architecture fixture, violation: the Kafka adapter depends on the OpenTelemetry adapter, beside it, not below. */
public final class AdapterUsingOpenTelemetryAdapter {

    public String spans(OrderSpans spans) {
        return spans.toString();
    }
}
