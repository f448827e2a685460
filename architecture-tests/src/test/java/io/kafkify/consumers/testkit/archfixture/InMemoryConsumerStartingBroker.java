package io.kafkify.consumers.testkit.archfixture;

import io.kafkify.consumers.testkit.broker.archfixture.EmbeddedOrderBroker;
import java.io.IOException;

/** Architecture fixture, violation: the in-memory testkit pulling in the embedded broker. */
public final class InMemoryConsumerStartingBroker {

    public void start() throws IOException {
        new EmbeddedOrderBroker().start();
    }
}
