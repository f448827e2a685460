package io.kafkify.examples.springboot;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.router.Handles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The handlers of the {@code orders} topic: a bean with {@code @Handles} methods, registered by the starter. */
// tag::handlers[]
@Component
public class OrderHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(OrderHandlers.class);

    private final Orders orders;

    public OrderHandlers(Orders orders) {
        this.orders = orders;
    }

    @Handles(topic = "orders", codes = "ORDER_PLACED")
    public void placed(OrderEvent event, Message message) {     // the value, bound and validated
        orders.placed(event.data());
        LOG.info("placed    {} {} {} ({}-{}@{})", event.data().id(), event.data().customer(), event.data().amount(),
                message.topic(), message.partition(), message.offset());
    }

    @Handles(topic = "orders", codes = "ORDER_CANCELLED")
    public void cancelled(OrderEvent event) {
        orders.cancelled(event.data().id());
        LOG.info("cancelled {}", event.data().id());
    }
}
// end::handlers[]
