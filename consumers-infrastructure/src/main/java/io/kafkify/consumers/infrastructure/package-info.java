/**
 * The Kafka adapter: {@link io.kafkify.consumers.infrastructure.KafkaConsumerConfig},
 * {@link io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter} and {@link io.kafkify.consumers.infrastructure.RebalanceHandler},
 * which drive the engine with a {@code KafkaConsumer}, and the Jackson and Bean Validation adapters of the decoding and binding ports.
 */
@NullMarked
package io.kafkify.consumers.infrastructure;

import org.jspecify.annotations.NullMarked;
