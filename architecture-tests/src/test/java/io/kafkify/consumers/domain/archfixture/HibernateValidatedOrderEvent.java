package io.kafkify.consumers.domain.archfixture;

import org.hibernate.validator.constraints.Length;

/** Architecture fixture, violation: a domain type that knows Hibernate Validator. */
public final class HibernateValidatedOrderEvent {

    @Length(max = 36)
    private String orderId;

    public String orderId() {
        return orderId;
    }
}
