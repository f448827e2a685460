package io.kafkify.consumers.router.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.domain.archfixture.OrderPort;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.NullMarked;

/** Architecture fixture, compliant: routing that knows the domain, the JDK and JSpecify only. */
@NullMarked
public final class OrderRouting {

    private final Map<String, OrderPort> handlers = new HashMap<>();

    public void route(OrderEvent event) {
        handlers.get(event.code()).accept(event);
    }
}
