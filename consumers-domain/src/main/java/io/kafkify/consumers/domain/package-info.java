/**
 * The hexagon's centre: the ports ({@link io.kafkify.consumers.domain.BaseConsumer}, {@link io.kafkify.consumers.domain.MessageHandler},
 * {@link io.kafkify.consumers.domain.Decoder}, {@link io.kafkify.consumers.domain.PayloadBinder}...) and the model
 * ({@link io.kafkify.consumers.domain.Message}, the outcomes, the state and the exceptions) that every other module builds on.
 * It depends on the JDK alone; nothing here knows Kafka.
 */
@NullMarked
package io.kafkify.consumers.domain;

import org.jspecify.annotations.NullMarked;
