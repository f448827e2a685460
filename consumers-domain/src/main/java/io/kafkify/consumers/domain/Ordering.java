package io.kafkify.consumers.domain;

/**
 * Which records Kafkify may handle at the same time, set with
 * the consumer's configuration ({@code KafkaConsumerConfig.Builder#ordering} for the Kafka adapter). Whatever the ordering, an offset is
 * committed only once every record before it in its partition is finished, so the delivery
 * guarantee (at least once) is the same; only the order of side effects differs.
 *
 * <p>The configured {@code maxConcurrency} bounds the handlers in flight in every mode.
 */
public enum Ordering {

    /**
     * The default: the records of one partition are handled one at a time, in offset order;
     * different partitions are handled in parallel. Matches what a plain Kafka consumer loop
     * guarantees.
     */
    PARTITION,

    /**
     * Records with the same key are handled one at a time, in offset order; records with
     * different keys, even of one partition, in parallel.
     */
    KEY,

    /**
     * No ordering: any records may be handled in parallel, up to the concurrency bound. For
     * handlers that are idempotent and commutative.
     */
    UNORDERED
}
