package io.kafkify.consumers.testkit.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.infrastructure.internal.archfixture.OrderDecoder;
import java.io.IOException;

/** Architecture fixture, violation: the testkit reaching into the infrastructure's internals. */
public final class InMemoryConsumerReusingDecoder {

    public OrderEvent decode(byte[] value) throws IOException {
        return new OrderDecoder().decode(value);
    }
}
