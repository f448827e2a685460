package io.kafkify.consumers.infrastructure.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.engine.archfixture.OrderEngine;
import io.kafkify.consumers.engine.spi.archfixture.OrderObserver;
import io.kafkify.consumers.infrastructure.internal.archfixture.OrderDecoder;
import io.kafkify.consumers.router.archfixture.OrderRouting;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.validator.constraints.Length;

/**
 * Architecture fixture, compliant: an adapter using Kafka, Bean Validation and its own internals, and
 * driving the engine through its facade and SPI.
 */
public final class KafkaOrderAdapter implements OrderObserver {

    @NotBlank
    @Length(max = 255)
    private final String groupId;
    private final OrderEngine engine;
    private final OrderDecoder decoder = new OrderDecoder();
    private long processed;

    public KafkaOrderAdapter(String groupId, OrderRouting routing) {
        this.groupId = groupId;
        this.engine = new OrderEngine(routing, this);
    }

    public void onRecord(ConsumerRecord<String, byte[]> record) throws IOException {
        engine.accept(decoder.decode(record.value()));
        engine.runAll();
    }

    @Override
    public void processed(OrderEvent event) {
        processed++;
    }

    public String groupId() {
        return groupId;
    }
}
