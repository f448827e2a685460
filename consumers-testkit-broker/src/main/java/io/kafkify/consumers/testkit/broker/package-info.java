/**
 * A real broker for tests: {@link io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker} runs a single-node
 * KRaft Kafka from the {@code kafka_2.13} artifact in a child process. It uses the domain alone, not the adapters.
 */
@NullMarked
package io.kafkify.consumers.testkit.broker;

import org.jspecify.annotations.NullMarked;
