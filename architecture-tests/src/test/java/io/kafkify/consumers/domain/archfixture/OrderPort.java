package io.kafkify.consumers.domain.archfixture;

/** Architecture fixture, compliant: a port of the domain. */
public interface OrderPort {

    void accept(OrderEvent event);
}
