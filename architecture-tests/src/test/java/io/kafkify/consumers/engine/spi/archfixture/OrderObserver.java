package io.kafkify.consumers.engine.spi.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;

/** Architecture fixture, compliant: a port of the engine's SPI, which adapters implement. */
public interface OrderObserver {

    void processed(OrderEvent event);
}
