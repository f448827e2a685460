package io.kafkify.consumers.engine.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.router.archfixture.OrderRouting;
import java.util.ArrayDeque;
import java.util.Queue;

/** Architecture fixture, compliant: a processing core that knows the domain, the router and the JDK only. */
public final class OrderEngine {

    private final Queue<OrderEvent> waiting = new ArrayDeque<>();
    private final OrderRouting routing;

    public OrderEngine(OrderRouting routing) {
        this.routing = routing;
    }

    public void accept(OrderEvent event) {
        waiting.add(event);
    }

    public void runAll() {
        OrderEvent event;
        while ((event = waiting.poll()) != null) {
            routing.route(event);
        }
    }
}
