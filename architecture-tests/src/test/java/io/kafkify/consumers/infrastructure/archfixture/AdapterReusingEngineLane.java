package io.kafkify.consumers.infrastructure.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.engine.internal.archfixture.OrderLane;

/** Architecture fixture, violation: an adapter reaching into the engine's internals. */
public final class AdapterReusingEngineLane {

    private final OrderLane lane = new OrderLane(event -> { });

    public void accept(OrderEvent event) {
        lane.add(event);
    }
}
