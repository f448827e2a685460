package io.kafkify.spring.boot;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;

/**
 * Changes the builder of the {@link KafkaBaseConsumerAdapter} that the starter creates, before it is
 * built: a handler executor (virtual threads), decoders, a rebalance listener. Every bean of this type
 * is applied, in {@link org.springframework.core.annotation.Order} order, after the
 * {@link io.kafkify.consumers.engine.spi.EngineObserver} beans have been added.
 */
@FunctionalInterface
public interface KafkifyConsumerCustomizer {

    /**
     * @param builder the adapter's builder, already holding the configuration and the observers
     */
    void customize(KafkaBaseConsumerAdapter.Builder builder);
}
