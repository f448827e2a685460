package io.kafkify.consumers.domain;

/** Where a consumer is in its life, for health checks. */
public enum ConsumerStatus {
    /** Created, or started and not yet polling. */
    STARTING,
    /** Polling and handling records. */
    RUNNING,
    /** Partitions are being revoked or assigned. */
    REBALANCING,
    /** No broker has answered for a while; the consumer keeps trying. */
    DISCONNECTED,
    /** Stopped, after {@code stop()} or because it never started (no handlers). */
    STOPPED,
    /** Stopped by a failure that retrying cannot fix, such as a denied authorization. */
    FAILED;

    /** @return true when a health check should report this consumer as healthy */
    public boolean isHealthy() {
        return this == STARTING || this == RUNNING || this == REBALANCING;
    }
}
