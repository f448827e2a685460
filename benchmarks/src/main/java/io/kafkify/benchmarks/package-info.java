/**
 * Benchmark programs, not API: Kafkify side by side with a raw {@code KafkaConsumer} loop, Spring for Apache Kafka
 * and Parallel Consumer on one embedded broker, and JMH benchmarks of the per-record cost.
 */
@NullMarked
package io.kafkify.benchmarks;

import org.jspecify.annotations.NullMarked;
