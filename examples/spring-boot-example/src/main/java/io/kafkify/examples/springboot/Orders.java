package io.kafkify.examples.springboot;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The orders placed and not cancelled, by id: what the handlers keep and {@code /orders} shows. */
@Component
public class Orders {

    private final Map<String, Order> byId = new ConcurrentHashMap<>();

    void placed(Order order) {
        byId.put(order.id(), order);
    }

    void cancelled(String id) {
        byId.remove(id);
    }

    /** @return a sorted copy */
    public Map<String, Order> all() {
        return new TreeMap<>(byId);
    }
}
