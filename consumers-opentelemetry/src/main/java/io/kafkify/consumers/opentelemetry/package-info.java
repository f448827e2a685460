/**
 * OpenTelemetry traces for Kafkify consumers, without a Java agent:
 * {@link io.kafkify.consumers.opentelemetry.KafkifyTracing}, an observer of the engine that runs
 * each attempt at a record inside a {@code CONSUMER} span, child of the producer's context read
 * from the record's headers, and carries the context on to dead letters.
 */
@NullMarked
package io.kafkify.consumers.opentelemetry;

import org.jspecify.annotations.NullMarked;
