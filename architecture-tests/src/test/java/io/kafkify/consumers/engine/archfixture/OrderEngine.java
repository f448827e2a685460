package io.kafkify.consumers.engine.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.engine.internal.archfixture.OrderLane;
import io.kafkify.consumers.engine.spi.archfixture.OrderObserver;
import io.kafkify.consumers.router.archfixture.OrderRouting;
import org.jspecify.annotations.NullMarked;

/**
 * Architecture fixture, compliant: a processing core that knows the domain, the router, the JDK,
 * JSpecify and its own SPI and internals only.
 */
@NullMarked
public final class OrderEngine {

    private final OrderLane lane;
    private final OrderRouting routing;

    public OrderEngine(OrderRouting routing, OrderObserver observer) {
        this.routing = routing;
        this.lane = new OrderLane(observer);
    }

    public void accept(OrderEvent event) {
        lane.add(event);
    }

    public void runAll() {
        lane.drainTo(routing::route);
    }
}
