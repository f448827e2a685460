package io.kafkify.consumers.testkit.broker.archfixture;

import io.kafkify.consumers.testkit.broker.internal.archfixture.BrokerProcess;
import java.io.IOException;
import org.apache.kafka.clients.admin.Admin;

/** Architecture fixture, compliant: the embedded broker, using Kafka and its own internals. */
public final class EmbeddedOrderBroker {

    private final BrokerProcess process = new BrokerProcess();
    private Admin admin;

    public void start() throws IOException {
        process.start();
    }

    public Admin admin() {
        return admin;
    }
}
