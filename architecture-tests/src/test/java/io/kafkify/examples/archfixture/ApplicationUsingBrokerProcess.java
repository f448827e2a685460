package io.kafkify.examples.archfixture;

import io.kafkify.consumers.testkit.broker.internal.archfixture.BrokerProcess;
import java.io.IOException;

/** Architecture fixture, violation: an example reaching into the broker's internals. */
public final class ApplicationUsingBrokerProcess {

    public static void main(String[] args) throws IOException {
        new BrokerProcess().start();
    }
}
