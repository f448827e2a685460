package io.kafkify.examples.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.infrastructure.archfixture.KafkaOrderAdapter;
import io.kafkify.consumers.router.archfixture.OrderRouting;
import io.kafkify.consumers.testkit.broker.archfixture.EmbeddedOrderBroker;
import java.io.IOException;

/** Architecture fixture, compliant: a runnable example on the public API of every module. */
public final class OrderApplication {

    public static void main(String[] args) throws IOException {
        new EmbeddedOrderBroker().start();
        new KafkaOrderAdapter("orders", new OrderRouting());
        new ObjectMapper();
    }
}
