/**
 * The Kafka adapter's implementation that users need not see: the dead-letter publisher, a Kafka producer
 * behind the engine's {@code DeadLetterPublisher} port. No other module uses it.
 */
@NullMarked
package io.kafkify.consumers.infrastructure.internal;

import org.jspecify.annotations.NullMarked;
