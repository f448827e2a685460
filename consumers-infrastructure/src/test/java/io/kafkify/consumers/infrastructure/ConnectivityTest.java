package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.ConsumerStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the client's connection count makes a consumer disconnected and connected again, under a clock of the test's. */
class ConnectivityTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Status status = new Status();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile double connections = 1;

    private Connectivity connectivity(String group) {
        MetricName name = new MetricName("connection-count", group, "", Map.of("client-id", "c1"));
        Metric metric = new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return connections;
            }
        };
        KafkaConsumerConfig config = KafkaConsumerConfig.builder().bootstrapServers("127.0.0.1:1").groupId("g").build();
        return new Connectivity(() -> Map.of(name, metric), status, errors::add, config,
                KafkaShareConsumerAdapter.class, "share consumer", now::get);
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"consumer-metrics", "consumer-share-metrics"})
    void no_connection_for_five_seconds_is_disconnected_and_a_connection_again_is_the_regained_status(String group) {
        Connectivity connectivity = connectivity(group);
        status.set(ConsumerStatus.RUNNING);
        connectivity.watch(() -> ConsumerStatus.RUNNING);
        connections = 0;
        advanceSeconds(1);
        connectivity.watch(() -> ConsumerStatus.RUNNING);
        for (int second = 1; second < 5; second++) {
            advanceSeconds(1);
            connectivity.watch(() -> ConsumerStatus.RUNNING);
            assertThat(status.get()).as("%s s after the first reading of no connection", second)
                    .isEqualTo(ConsumerStatus.RUNNING);
        }
        advanceSeconds(1);
        connectivity.watch(() -> ConsumerStatus.RUNNING);

        assertThat(status.get()).isEqualTo(ConsumerStatus.DISCONNECTED);
        assertThat(errors).containsExactly("No broker of 127.0.0.1:1 reachable");
        assertThat(connectivity.secondsDisconnected()).isEqualTo(5);

        connections = 1;
        advanceSeconds(1);
        connectivity.watch(() -> ConsumerStatus.STARTING);
        assertThat(status.get()).isEqualTo(ConsumerStatus.STARTING);
        assertThat(connectivity.secondsDisconnected()).isZero();
    }

    @Test
    void the_metric_is_read_at_most_once_a_second() {
        Connectivity connectivity = connectivity("consumer-share-metrics");
        connections = 0;
        assertThat(connectivity.check()).isEqualTo(Connectivity.Change.NONE);
        advanceSeconds(6);
        connections = 1;
        assertThat(connectivity.check()).as("the loss is seen only on the next reading").isEqualTo(Connectivity.Change.NONE);
        connections = 0;
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(connectivity.check()).as("within a second of the last reading").isEqualTo(Connectivity.Change.NONE);
        advanceSeconds(1);
        assertThat(connectivity.check()).isEqualTo(Connectivity.Change.NONE);
        advanceSeconds(5);
        assertThat(connectivity.check()).isEqualTo(Connectivity.Change.LOST);
    }

    @Test
    void a_client_without_the_metric_counts_as_connected() {
        KafkaConsumerConfig config = KafkaConsumerConfig.builder().bootstrapServers("127.0.0.1:1").groupId("g").build();
        Connectivity connectivity = new Connectivity(Map::of, status, errors::add, config,
                KafkaBaseConsumerAdapter.class, "consumer", now::get);
        for (int second = 0; second < 10; second++) {
            assertThat(connectivity.check()).isEqualTo(Connectivity.Change.NONE);
            advanceSeconds(1);
        }
        assertThat(errors).isEmpty();
    }
}
