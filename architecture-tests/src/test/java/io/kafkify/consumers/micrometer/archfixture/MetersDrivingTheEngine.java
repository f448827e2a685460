package io.kafkify.consumers.micrometer.archfixture;

import io.kafkify.consumers.engine.archfixture.OrderEngine;

/** Architecture fixture, violation: the Micrometer adapter uses the engine's facade, not its observer port. */
public final class MetersDrivingTheEngine {

    public String engine(OrderEngine engine) {
        return engine.toString();
    }
}
