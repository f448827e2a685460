package io.kafkify.consumers.domain.archfixture;

import jakarta.validation.constraints.NotBlank;

/** Architecture fixture, violation: a domain type that knows Bean Validation. */
public final class ValidatedOrderEvent {

    @NotBlank
    private String orderId;

    public String orderId() {
        return orderId;
    }
}
