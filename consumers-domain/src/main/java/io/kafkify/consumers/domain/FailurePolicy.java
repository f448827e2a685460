package io.kafkify.consumers.domain;

/**
 * What a consumer does with a record it could not handle: after its last attempt, or at once
 * when retrying cannot help (an undecodable or invalid payload, a non-retryable exception).
 * Whatever the policy, nothing past the record is committed before the policy has run.
 */
public enum FailurePolicy {

    /**
     * The default: publish the record to its dead-letter topic ({@code <topic>.DLT} by
     * default) with its key, value and headers, plus headers that say where it came from and
     * why it failed; commit it only once the dead-letter topic has it. A failed publish is
     * retried with backoff and nothing past the record is committed meanwhile.
     */
    DEAD_LETTER,

    /**
     * Halt the record's partition: nothing past the record is handled or committed, the
     * partition stays paused, and the consumer's state reports it (a health check sees it),
     * until the application resumes the partition once the cause is fixed. Other partitions
     * go on.
     */
    STOP,

    /**
     * Log the failure, count it, and commit past the record: the record is lost on purpose.
     * Opt-in only, for data that may be dropped.
     */
    SKIP,

    /**
     * Share groups only: reject the record, so that the broker archives it (it is never delivered
     * again). Kafka keeps no copy elsewhere: like {@link #SKIP}, the record is given up on, but the
     * broker's state records that it was. A classic consumer group has no per-record
     * acknowledgement, so a classic adapter refuses this policy when it is built.
     */
    REJECT
}
