package io.kafkify.examples.springboot;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders}: the orders placed and not cancelled. */
@RestController
public class OrdersController {

    private final Orders orders;

    public OrdersController(Orders orders) {
        this.orders = orders;
    }

    @GetMapping("/orders")
    public Map<String, Order> orders() {
        return orders.all();
    }
}
