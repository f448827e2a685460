package io.kafkify.consumers.testkit.archfixture;

import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.infrastructure.archfixture.KafkaOrderAdapter;
import io.kafkify.consumers.router.archfixture.OrderRouting;
import io.kafkify.consumers.testkit.internal.archfixture.InMemoryLog;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Architecture fixture, compliant: the in-memory testkit, on the infrastructure's public API. */
public final class InMemoryOrderConsumer {

    private final InMemoryLog log = new InMemoryLog();
    private final KafkaOrderAdapter adapter = new KafkaOrderAdapter("test", new OrderRouting());

    public void send(OrderEvent event, ConsumerRecord<String, byte[]> record) throws IOException {
        log.append(event);
        adapter.onRecord(record);
    }
}
