package io.kafkify.consumers.router.archfixture;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Architecture fixture, violation: the router touching Kafka. */
public final class RecordAwareOrderRouting {

    public String topicOf(ConsumerRecord<String, byte[]> record) {
        return record.topic();
    }
}
