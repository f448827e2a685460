// tag::unit-test[]
package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkify.consumers.testkit.InMemoryConsumer;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrdersServiceTest {

    @Test
    void keeps_a_placed_order() {
        OrdersService service = new OrdersService();
        InMemoryConsumer consumer = new InMemoryConsumer();
        service.router().registerHandlers(consumer);
        consumer.start();

        consumer.send("orders", "A-1", "{\"code\": \"ORDER_PLACED\", \"data\": {\"id\": \"A-1\"}}");

        assertEquals(Set.of("A-1"), service.orders().keySet());
    }
}
// end::unit-test[]
