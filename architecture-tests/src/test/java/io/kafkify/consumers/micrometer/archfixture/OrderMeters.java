package io.kafkify.consumers.micrometer.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.engine.spi.archfixture.OrderObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Architecture fixture, compliant: the Micrometer adapter of the engine's observer port. */
public final class OrderMeters {

    private final Counter orders;

    public OrderMeters(MeterRegistry registry) {
        this.orders = Counter.builder("orders").register(registry);
    }

    public OrderObserver observer() {
        return event -> orders.increment();
    }

    public boolean counts(OrderEvent event) {
        return event != null;
    }
}
