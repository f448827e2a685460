/**
 * A runnable application on Kafkify's public API: it configures and runs the Kafka adapter (on an embedded broker
 * when no Kafka is given), serves a health endpoint and prints what became of each record.
 */
@NullMarked
package io.kafkify.examples.consumer;

import org.jspecify.annotations.NullMarked;
