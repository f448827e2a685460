package io.kafkify.consumers.testkit.internal.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import java.util.ArrayList;
import java.util.List;

/** Architecture fixture, compliant: an implementation class of the in-memory testkit. */
public final class InMemoryLog {

    private final List<OrderEvent> events = new ArrayList<>();

    public void append(OrderEvent event) {
        events.add(event);
    }
}
