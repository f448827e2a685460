package io.kafkify.consumers.infrastructure;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Tells whether the consumer reaches a broker, from the client's own {@code connection-count}
 * metric, read at most once a second: no connection for 5 s means disconnected.
 *
 * <p>Threading: the polling thread.
 */
final class Connectivity {

    private static final long DISCONNECTED_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What changed. */
    enum Change {
        NONE, LOST, REGAINED
    }

    private final Consumer<byte[], byte[]> consumer;
    private long disconnectedSince = -1;
    private long nextCheck;
    private boolean disconnected;

    Connectivity(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    Change check() {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return Change.NONE;
        }
        nextCheck = now + CHECK_EVERY_NANOS;
        double connections = connectionCount();
        if (connections > 0 || Double.isNaN(connections)) {
            disconnectedSince = -1;
            if (disconnected) {
                disconnected = false;
                return Change.REGAINED;
            }
            return Change.NONE;
        }
        if (disconnectedSince < 0) {
            disconnectedSince = now;
        } else if (now - disconnectedSince >= DISCONNECTED_AFTER_NANOS && !disconnected) {
            disconnected = true;
            return Change.LOST;
        }
        return Change.NONE;
    }

    /** @return how long no broker has answered, in seconds */
    long secondsDisconnected() {
        return disconnectedSince < 0 ? 0 : TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - disconnectedSince);
    }

    private double connectionCount() {
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if ("connection-count".equals(name.name()) && name.group().endsWith("consumer-metrics")) {
                Object value = metric.getValue().metricValue();
                return value instanceof Number number ? number.doubleValue() : Double.NaN;
            }
        }
        return Double.NaN;
    }
}
