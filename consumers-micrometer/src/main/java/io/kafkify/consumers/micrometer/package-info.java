/**
 * Micrometer meters for Kafkify consumers: {@link io.kafkify.consumers.micrometer.KafkifyMetrics},
 * an observer of the engine that times handlers and counts outcomes, retries, dead letters and
 * commits, and gauges of the consumer's state (buffered and in-flight records, and per partition
 * the committed lag and the age of the oldest unfinished record).
 */
@NullMarked
package io.kafkify.consumers.micrometer;

import org.jspecify.annotations.NullMarked;
