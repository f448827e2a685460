package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.ConsumerStatus;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether a consumer reaches a broker, from the client's own {@code connection-count}
 * metric, read at most once a second: no connection for 5 s means disconnected. It reads the
 * metrics through a supplier, so that it serves the classic {@code Consumer} (group
 * {@code consumer-metrics}) and the {@code ShareConsumer} ({@code consumer-share-metrics}) alike,
 * and reports a change the same way for both: the status, the last error and one log line.
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

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final Status status;
    private final Consumer<String> errors;
    private final KafkaConsumerConfig config;
    private final Logger log;
    private final String consumerName;
    private final LongSupplier clock;
    private long disconnectedSince = -1;
    private long nextCheck;
    private boolean disconnected;

    /**
     * @param metrics the client's {@code metrics()}
     * @param status where the disconnection shows
     * @param errors the engine's {@code reportError}
     * @param config for the group and the bootstrap servers in the messages
     * @param adapter the adapter whose logger speaks
     * @param consumerName how the log lines name the consumer ("consumer", "share consumer")
     */
    Connectivity(Supplier<Map<MetricName, ? extends Metric>> metrics, Status status, Consumer<String> errors,
                 KafkaConsumerConfig config, Class<?> adapter, String consumerName) {
        this(metrics, status, errors, config, adapter, consumerName, System::nanoTime);
    }

    Connectivity(Supplier<Map<MetricName, ? extends Metric>> metrics, Status status, Consumer<String> errors,
                 KafkaConsumerConfig config, Class<?> adapter, String consumerName, LongSupplier clock) {
        this.metrics = metrics;
        this.status = status;
        this.errors = errors;
        this.config = config;
        this.log = LoggerFactory.getLogger(adapter);
        this.consumerName = consumerName;
        this.clock = clock;
        this.nextCheck = clock.getAsLong();
    }

    /**
     * Checks (at most once a second) and reports a change: DISCONNECTED, the error and a warning
     * once no broker has answered for 5 s; the status {@code regained} gives and an info line once
     * one answers again.
     *
     * @param regained the status once a broker answers again (e.g. RUNNING, or STARTING without partitions)
     */
    void watch(Supplier<ConsumerStatus> regained) {
        switch (check()) {
            case LOST -> {
                status.set(ConsumerStatus.DISCONNECTED);
                errors.accept("No broker of " + config.bootstrapServers() + " reachable");
                log.warn("No broker of {} has answered for {} s; the {} of group {} keeps trying",
                        config.bootstrapServers(), secondsDisconnected(), consumerName, config.groupId());
            }
            case REGAINED -> {
                log.info("{} of group {} reached a broker again", capitalized(consumerName), config.groupId());
                status.set(regained.get());
            }
            default -> {
            }
        }
    }

    Change check() {
        long now = clock.getAsLong();
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
        return disconnectedSince < 0 ? 0 : TimeUnit.NANOSECONDS.toSeconds(clock.getAsLong() - disconnectedSince);
    }

    private double connectionCount() {
        for (Map.Entry<MetricName, ? extends Metric> metric : metrics.get().entrySet()) {
            MetricName name = metric.getKey();
            if ("connection-count".equals(name.name()) && isClientGroup(name.group())) {
                Object value = metric.getValue().metricValue();
                return value instanceof Number number ? number.doubleValue() : Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The network client's group: {@code consumer-metrics}, or {@code consumer-share-metrics} for a share consumer. */
    private static boolean isClientGroup(String group) {
        return group.endsWith("consumer-metrics") || group.endsWith("consumer-share-metrics");
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
