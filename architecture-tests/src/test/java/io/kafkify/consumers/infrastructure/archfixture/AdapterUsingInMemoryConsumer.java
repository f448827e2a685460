package io.kafkify.consumers.infrastructure.archfixture;

import io.kafkify.consumers.testkit.archfixture.InMemoryOrderConsumer;

/** Architecture fixture, violation: production code depending on a test double. */
public final class AdapterUsingInMemoryConsumer {

    private final InMemoryOrderConsumer fallback = new InMemoryOrderConsumer();

    public InMemoryOrderConsumer fallback() {
        return fallback;
    }
}
