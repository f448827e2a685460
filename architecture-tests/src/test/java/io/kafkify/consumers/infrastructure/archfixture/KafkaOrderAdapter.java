package io.kafkify.consumers.infrastructure.archfixture;

import io.kafkify.consumers.infrastructure.internal.archfixture.OrderDecoder;
import io.kafkify.consumers.router.archfixture.OrderRouting;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.validator.constraints.Length;

/** Architecture fixture, compliant: an adapter using Kafka, Bean Validation and its own internals. */
public final class KafkaOrderAdapter {

    @NotBlank
    @Length(max = 255)
    private final String groupId;
    private final OrderRouting routing;
    private final OrderDecoder decoder = new OrderDecoder();

    public KafkaOrderAdapter(String groupId, OrderRouting routing) {
        this.groupId = groupId;
        this.routing = routing;
    }

    public void onRecord(ConsumerRecord<String, byte[]> record) throws IOException {
        routing.route(decoder.decode(record.value()));
    }

    public String groupId() {
        return groupId;
    }
}
