package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.ConsumerStatus;

/**
 * Where the Kafka adapter is in its life, as its state reports it. Once FAILED it stays FAILED.
 *
 * <p>Threading: written by the polling thread and by {@code stop()}; read from any thread.
 */
final class Status {

    private volatile ConsumerStatus status = ConsumerStatus.STARTING;
    private volatile boolean clientFailed;

    ConsumerStatus get() {
        return status;
    }

    void set(ConsumerStatus next) {
        if (status != ConsumerStatus.FAILED) {
            status = next;
        }
    }

    /** Partitions are assigned: running, unless failed or cut off from the brokers. */
    void assigned() {
        if (status != ConsumerStatus.DISCONNECTED) {
            set(ConsumerStatus.RUNNING);
        }
    }

    /**
     * @param byTheClient true when the Kafka client failed (authentication, authorization, no
     *     offset to reset to): a commit would fail too
     */
    void failed(boolean byTheClient) {
        status = ConsumerStatus.FAILED;
        clientFailed |= byTheClient;
    }

    boolean clientFailed() {
        return clientFailed;
    }
}
