package io.kafkify.consumers.router.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.engine.archfixture.OrderEngine;

/** Architecture fixture, violation: the router depending on the engine, one module up. */
public final class RoutingIntoEngine {

    public void route(OrderEvent event, OrderEngine engine) {
        engine.accept(event);
    }
}
