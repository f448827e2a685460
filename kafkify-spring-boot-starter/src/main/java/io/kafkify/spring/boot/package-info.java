/**
 * Spring Boot auto-configuration for Kafkify: {@code kafkify.*} properties bound to a
 * {@link io.kafkify.consumers.infrastructure.KafkaConsumerConfig}, handler beans registered on a
 * {@link io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter} that starts and stops with
 * the application context, a {@code kafkify} health indicator and Micrometer meters.
 * {@link io.kafkify.spring.boot.KafkifyConsumerCustomizer} and
 * {@link io.kafkify.consumers.engine.spi.EngineObserver} beans reach the adapter's builder.
 */
@NullMarked
package io.kafkify.spring.boot;

import org.jspecify.annotations.NullMarked;
