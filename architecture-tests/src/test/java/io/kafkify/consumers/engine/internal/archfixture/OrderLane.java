package io.kafkify.consumers.engine.internal.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.domain.archfixture.OrderPort;
import io.kafkify.consumers.engine.spi.archfixture.OrderObserver;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Architecture fixture, compliant: an implementation class of the engine, on the engine's SPI, the
 * domain and the JDK; it is handed what it needs and never calls back into the facade.
 */
public final class OrderLane {

    private final Queue<OrderEvent> waiting = new ArrayDeque<>();
    private final OrderObserver observer;

    public OrderLane(OrderObserver observer) {
        this.observer = observer;
    }

    public void add(OrderEvent event) {
        waiting.add(event);
    }

    public void drainTo(OrderPort port) {
        OrderEvent event;
        while ((event = waiting.poll()) != null) {
            port.accept(event);
            observer.processed(event);
        }
    }
}
