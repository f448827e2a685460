package io.kafkify.consumers.router.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.domain.archfixture.OrderPort;
import java.util.HashMap;
import java.util.Map;

/** Architecture fixture, compliant: routing that knows the domain and the JDK only. */
public final class OrderRouting {

    private final Map<String, OrderPort> handlers = new HashMap<>();

    public void route(OrderEvent event) {
        handlers.get(event.code()).accept(event);
    }
}
