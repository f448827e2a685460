package io.kafkify.consumers.domain.archfixture;

import io.kafkify.consumers.engine.archfixture.OrderEngine;

/** Architecture fixture, violation: the domain depending on the engine, two modules up. */
public final class OrderEventQueuedByEngine {

    public void queueOn(OrderEngine engine) {
        engine.accept(new OrderEvent("42", "ORDER_PLACED"));
    }
}
