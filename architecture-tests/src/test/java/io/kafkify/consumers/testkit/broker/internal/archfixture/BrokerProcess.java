package io.kafkify.consumers.testkit.broker.internal.archfixture;

import java.io.IOException;

/** Architecture fixture, compliant: an implementation class of the testkit broker. */
public final class BrokerProcess {

    public Process start() throws IOException {
        return new ProcessBuilder("java", "-version").start();
    }
}
