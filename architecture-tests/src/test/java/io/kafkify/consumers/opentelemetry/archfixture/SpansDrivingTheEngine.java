package io.kafkify.consumers.opentelemetry.archfixture;

import io.kafkify.consumers.engine.archfixture.OrderEngine;

/** Architecture fixture, violation: the OpenTelemetry adapter uses the engine's facade, not its observer port. */
public final class SpansDrivingTheEngine {

    public String engine(OrderEngine engine) {
        return engine.toString();
    }
}
