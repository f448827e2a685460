package io.kafkify.consumers.domain.archfixture;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Architecture fixture, violation: a domain type that knows Jackson. */
public record JsonAnnotatedOrderEvent(@JsonProperty("order_id") String orderId) {
}
