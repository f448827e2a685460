package io.kafkify.consumers.testkit.broker.archfixture;

import io.kafkify.consumers.testkit.internal.archfixture.InMemoryLog;

/**
 * Architecture fixture, violation: the broker module reaching into the internals of the in-memory
 * testkit, whose root package encloses its own.
 */
public final class BrokerReadingInMemoryLog {

    private final InMemoryLog log = new InMemoryLog();

    public InMemoryLog log() {
        return log;
    }
}
