/**
 * The in-memory adapter for tests: {@link io.kafkify.consumers.testkit.InMemoryConsumer} runs the very engine,
 * settings, decoding and routing of the Kafka adapter on in-memory topics, without a broker.
 */
@NullMarked
package io.kafkify.consumers.testkit;

import org.jspecify.annotations.NullMarked;
