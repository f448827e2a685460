package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

/** What a binder of the client's metrics may do with the client, and when it is bound and unbound. */
class ClientMetricsTest {

    private final Metrics kafkaMetrics = new Metrics();
    private final MetricName consumed = kafkaMetrics.metricName("records-consumed-total", "consumer-fetch-manager-metrics");
    private final MockConsumer<byte[], byte[]> client = new MockConsumer<>("earliest") {
        @Override
        public synchronized Map<MetricName, ? extends Metric> metrics() {
            return Map.of(consumed, kafkaMetrics.metric(kafkaMetrics.metricName("count", "kafka-metrics-count")));
        }
    };

    @Test
    void the_binder_reads_the_clients_metrics_and_nothing_else() {
        AtomicReference<Consumer<?, ?>> seen = new AtomicReference<>();
        ClientMetrics metrics = new ClientMetrics(view -> {
            seen.set(view);
            return () -> { };
        });

        metrics.bind(client);

        Consumer<?, ?> view = seen.get();
        assertThat(view.metrics()).containsOnlyKeys(consumed);
        assertThat(view).isEqualTo(view).isNotEqualTo(client).hasToString("the metrics of " + client);
        assertThatThrownBy(() -> view.poll(Duration.ZERO)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("belongs to its polling thread").hasMessageContaining("poll()");
        assertThatThrownBy(view::close).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.subscribe(List.of("t"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(client.closed()).isFalse();
    }

    @Test
    void what_the_binder_returns_is_closed_once_and_a_binder_that_throws_is_only_logged() {
        AtomicBoolean unbound = new AtomicBoolean();
        ClientMetrics metrics = new ClientMetrics(view -> () -> assertThat(unbound.getAndSet(true)).isFalse());
        metrics.bind(client);
        metrics.close();
        metrics.close();
        assertThat(unbound).isTrue();

        ClientMetrics broken = new ClientMetrics(view -> {
            throw new IllegalStateException("no registry");
        });
        broken.bind(client);
        broken.close();
        new ClientMetrics(null).bind(client);
    }
}
