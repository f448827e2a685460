package io.kafkify.examples.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import io.kafkify.examples.consumer.events.PeopleEvents;
import io.kafkify.examples.consumer.events.PurchaseEvents;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * The records the example produces to its embedded broker, and what should become of each: a
 * few valid events of every code, one with a code nobody handles, and one whose payload breaks
 * its type's constraints.
 */
public final class SampleStream {

    /** What Kafkify should do with a sample record. */
    public enum Expected {
        /** A handler takes it and returns. */
        HANDLED,
        /** No handler takes it: logged, counted and committed. */
        UNROUTED,
        /** Its payload is invalid: it fails, and the failure policy takes it. */
        INVALID
    }

    /**
     * One sample record.
     *
     * @param topic its topic
     * @param key its key: records with one key land in one partition, in order
     * @param value its JSON value
     * @param expected what should become of it
     */
    public record Sample(String topic, String key, Map<String, Object> value, Expected expected) {
    }

    /** Partitions of each sample topic: records of different partitions are handled in parallel. */
    public static final int PARTITIONS = 2;
    /** The topics the sample stream writes to. */
    public static final List<String> TOPICS = List.of(PeopleEvents.TOPIC, PurchaseEvents.TOPIC);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AT = "2024-05-01T10:00:00Z";

    private SampleStream() {
    }

    /** @return the sample records, in the order they are produced */
    public static List<Sample> records() {
        return List.of(
                personCreated("42", "Ada Lovelace", "ada@example.com", Expected.HANDLED),
                personCreated("44", "Grace Hopper", "grace@example.com", Expected.HANDLED),
                purchase("A-1001", "PURCHASE_COMPLETED", 129.90),
                personUpdated("42", "ada@lovelace.dev"),
                purchase("A-1001", "PURCHASE_REFUNDED", 129.90),
                purchase("A-1003", null, 15.00),
                // No handler takes PERSON_DELETED and people-events has no default handler.
                new Sample(PeopleEvents.TOPIC, "44", event("PERSON_DELETED", fields("id", "44")), Expected.UNROUTED),
                // Last, so that the failure holds up no other sample record of its partition.
                personCreated("45", "Alan Turing", "not-an-email", Expected.INVALID));
    }

    /**
     * @param expected an outcome
     * @return how many sample records should end so
     */
    public static long count(Expected expected) {
        return records().stream().filter(sample -> sample.expected() == expected).count();
    }

    /**
     * Creates the sample topics and their dead-letter topics: the embedded broker creates no
     * topic on its own, as production brokers should not either.
     *
     * @param broker the embedded broker
     * @param deadLetterSuffix the suffix of a topic's dead-letter topic, {@code .DLT} by default
     */
    public static void createTopics(EmbeddedKafkaBroker broker, String deadLetterSuffix) {
        for (String topic : TOPICS) {
            broker.createTopic(topic, PARTITIONS);
            broker.createTopic(topic + deadLetterSuffix, 1);
        }
    }

    /**
     * Produces every sample record and waits until the broker has acknowledged them.
     *
     * @param broker the embedded broker
     * @throws IllegalStateException when the broker does not acknowledge a record
     */
    public static void produce(EmbeddedKafkaBroker broker) {
        try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) {
            for (Sample sample : records()) {
                producer.send(new ProducerRecord<>(sample.topic(), utf8(sample.key()), json(sample.value()))).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("The embedded broker did not take a sample record", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing the sample stream", e);
        }
    }

    private static Sample personCreated(String id, String name, String email, Expected expected) {
        Map<String, Object> person = fields("id", id, "name", name, "email", email);
        return new Sample(PeopleEvents.TOPIC, id, event(PeopleEvents.PERSON_CREATED, person), expected);
    }

    private static Sample personUpdated(String id, String email) {
        Map<String, Object> changes = fields("id", id, "email", email);
        return new Sample(PeopleEvents.TOPIC, id, event(PeopleEvents.PERSON_UPDATED, changes), Expected.HANDLED);
    }

    private static Sample purchase(String order, @Nullable String code, double amount) {
        Map<String, Object> value = new LinkedHashMap<>();
        if (code != null) {
            value.put("code", code);
        }
        value.put("order", fields("id", order, "amount", amount));
        value.put("timestamp", AT);
        return new Sample(PurchaseEvents.TOPIC, order, value, Expected.HANDLED);
    }

    /** The documented message structure: the routing code, the data, a timestamp. */
    private static Map<String, Object> event(String code, Map<String, Object> data) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("code", code);
        value.put("data", data);
        value.put("timestamp", AT);
        return value;
    }

    /** A JSON object's fields in the order given, so that printed values read as they were written. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static byte[] json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write a sample record as JSON: " + value, e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
