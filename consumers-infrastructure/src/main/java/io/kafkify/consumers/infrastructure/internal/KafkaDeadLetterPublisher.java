package io.kafkify.consumers.infrastructure.internal;

import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.engine.spi.DeadLetter;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Publishes dead letters with a Kafka producer, created on the first dead letter so that a
 * consumer that never fails a record never opens a producer connection. Each dead-letter topic is
 * looked up before its first publish ({@link DeadLetterTopics}): created when that is enabled,
 * and named with what to do when it is missing.
 */
public final class KafkaDeadLetterPublisher implements DeadLetterPublisher, AutoCloseable {

    private final Map<String, Object> properties;
    private final DeadLetterTopics topics;
    private volatile Producer<byte[], byte[]> producer;
    private volatile boolean closed;

    /**
     * @param producerProperties the producer's properties: it connects as the consumer does
     * @param createTopics whether a missing dead-letter topic is created, with as many partitions as its source
     */
    public KafkaDeadLetterPublisher(Map<String, Object> producerProperties, boolean createTopics) {
        this.properties = Map.copyOf(producerProperties);
        this.topics = new DeadLetterTopics(producerProperties, createTopics);
    }

    @Override
    public void publish(DeadLetter deadLetter) throws Exception {
        List<Header> headers = new ArrayList<>(deadLetter.headers().size());
        for (MessageHeader header : deadLetter.headers()) {
            headers.add(new RecordHeader(header.key(), header.value()));
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetter.topic(), null,
                deadLetter.original().timestamp().toEpochMilli(), deadLetter.key(), deadLetter.value(), headers);
        String source = deadLetter.original().topic();
        topics.prepare(deadLetter.topic(), source);
        try {
            producer().send(record).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw topics.explain(deadLetter.topic(), source, e.getCause() instanceof Exception cause ? cause : e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw topics.explain(deadLetter.topic(), source, e);
        }
    }

    private Producer<byte[], byte[]> producer() {
        Producer<byte[], byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the dead-letter publisher is closed");
                }
                current = producer;
                if (current == null) {
                    current = new KafkaProducer<>(properties);
                    producer = current;
                }
            }
        }
        return current;
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        } finally {
            topics.close();
        }
    }
}
