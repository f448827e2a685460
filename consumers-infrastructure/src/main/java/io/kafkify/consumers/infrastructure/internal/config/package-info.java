/**
 * How {@code KafkaConsumerConfig}'s settings are declared, converted, checked and masked: the machinery behind
 * its validation, internal to the Kafka adapter. No other module uses it.
 */
@NullMarked
package io.kafkify.consumers.infrastructure.internal.config;

import org.jspecify.annotations.NullMarked;
