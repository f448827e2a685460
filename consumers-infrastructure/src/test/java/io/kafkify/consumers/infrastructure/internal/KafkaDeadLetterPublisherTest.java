package io.kafkify.consumers.infrastructure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaDeadLetterPublisherTest {

    private static final DeadLetter LETTER = DeadLetter.of("orders.DLT",
            new RawRecord("orders", 0, 7, Instant.EPOCH, null, "{}".getBytes(StandardCharsets.UTF_8), List.of()),
            IllegalStateException.class.getName(), "boom", 3);

    @Test
    void a_denied_write_names_the_topic_and_the_grant_and_drops_the_producer_so_it_stops_asking_for_an_id() {
        List<Producer<byte[], byte[]>> made = new ArrayList<>();
        KafkaDeadLetterPublisher publisher = new KafkaDeadLetterPublisher(Map.of(), properties -> {
            Producer<byte[], byte[]> producer = failingWith(new TopicAuthorizationException(Set.of("orders.DLT")));
            made.add(producer);
            return producer;
        });

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> publisher.publish(LETTER))
                    .isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageStartingWith("Not authorized to write to topic orders.DLT")
                    .hasMessageContaining("Grant the principal WRITE on it");
        }

        verify(made.get(0)).close(Duration.ZERO);
        assertThat(made).hasSize(2);
    }

    @Test
    void another_failure_keeps_the_producer() {
        List<Producer<byte[], byte[]>> made = new ArrayList<>();
        KafkaDeadLetterPublisher publisher = new KafkaDeadLetterPublisher(Map.of(), properties -> {
            Producer<byte[], byte[]> producer = failingWith(new TimeoutException("no broker"));
            made.add(producer);
            return producer;
        });

        assertThatThrownBy(() -> publisher.publish(LETTER)).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> publisher.publish(LETTER)).isInstanceOf(TimeoutException.class);

        assertThat(made).hasSize(1);
        verify(made.get(0), never()).close(any(Duration.class));
    }

    @SuppressWarnings("unchecked")
    private static Producer<byte[], byte[]> failingWith(RuntimeException error) {
        Producer<byte[], byte[]> producer = mock(Producer.class);
        when(producer.send(any())).thenReturn(CompletableFuture.<RecordMetadata>failedFuture(error));
        return producer;
    }
}
