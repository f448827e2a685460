package io.kafkify.consumers.infrastructure.internal.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.archfixture.OrderEvent;
import java.io.IOException;

/** Architecture fixture, compliant: an implementation class of the infrastructure, using Jackson. */
public final class OrderDecoder {

    private final ObjectMapper mapper = new ObjectMapper();

    public OrderEvent decode(byte[] value) throws IOException {
        return mapper.readValue(value, OrderEvent.class);
    }
}
