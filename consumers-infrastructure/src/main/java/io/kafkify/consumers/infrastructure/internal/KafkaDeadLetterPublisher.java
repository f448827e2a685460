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
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;

/**
 * Publishes dead letters with a Kafka producer, created on the first dead letter so that a
 * consumer that never fails a record never opens a producer connection. Each dead-letter topic is
 * looked up before its first publish ({@link DeadLetterTopics}): created when that is enabled,
 * and named with what to do when it is missing; a denied write names the topic and the grant.
 */
public final class KafkaDeadLetterPublisher implements DeadLetterPublisher, AutoCloseable {

    private final Map<String, Object> properties;
    private final Function<Map<String, Object>, Producer<byte[], byte[]>> factory;
    private final @Nullable DeadLetterTopics topics;
    private volatile Producer<byte[], byte[]> producer;
    private volatile boolean closed;

    /**
     * @param producerProperties the producer's properties: it connects as the consumer does
     * @param createTopics whether a missing dead-letter topic is created, with as many partitions as its source
     */
    public KafkaDeadLetterPublisher(Map<String, Object> producerProperties, boolean createTopics) {
        this(producerProperties, KafkaProducer::new, new DeadLetterTopics(producerProperties, createTopics));
    }

    /**
     * A publisher on a producer of the caller's (a test's fake, say); topics are not looked up,
     * as there may be no broker to ask.
     *
     * @param producerProperties the producer's properties
     * @param factory makes a producer from them
     */
    public KafkaDeadLetterPublisher(Map<String, Object> producerProperties,
            Function<Map<String, Object>, Producer<byte[], byte[]>> factory) {
        this(producerProperties, factory, null);
    }

    private KafkaDeadLetterPublisher(Map<String, Object> producerProperties,
            Function<Map<String, Object>, Producer<byte[], byte[]>> factory, @Nullable DeadLetterTopics topics) {
        this.properties = Map.copyOf(producerProperties);
        this.factory = factory;
        this.topics = topics;
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
        if (topics != null) {
            topics.prepare(deadLetter.topic(), source);
        }
        Producer<byte[], byte[]> sending = producer();
        try {
            sending.send(record).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                discard(sending);
            }
            if (e.getCause() instanceof TopicAuthorizationException denied) {
                throw new TopicAuthorizationException("Not authorized to write to topic " + deadLetter.topic()
                        + " (" + denied.getMessage() + "): the record stays uncommitted and is published again after a "
                        + "backoff. Grant the principal WRITE on it.", denied.unauthorizedTopics());
            }
            throw explain(deadLetter.topic(), source, e.getCause() instanceof Exception cause ? cause : e);
        } catch (KafkaException e) {
            throw explain(deadLetter.topic(), source, e);
        }
    }

    private Exception explain(String topic, String source, Exception failure) {
        return topics == null ? failure : topics.explain(topic, source, failure);
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
                    current = factory.apply(properties);
                    producer = current;
                }
            }
        }
        return current;
    }

    /**
     * An idempotent producer whose principal may write to no topic at all is refused its producer
     * id, and asks for it again at once, without end: thousands of requests a second to the broker
     * while the record waits for its next attempt. It is closed, and the next attempt, after the
     * engine's backoff, makes a new one.
     */
    private void discard(Producer<byte[], byte[]> failed) {
        synchronized (this) {
            if (producer != failed) {
                return;
            }
            producer = null;
        }
        failed.close(Duration.ZERO);
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        } finally {
            if (topics != null) {
                topics.close();
            }
        }
    }
}
