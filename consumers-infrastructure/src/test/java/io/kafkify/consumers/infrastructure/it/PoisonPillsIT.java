package io.kafkify.consumers.infrastructure.it;

import static io.kafkify.consumers.infrastructure.it.Broker.header;
import static io.kafkify.consumers.infrastructure.it.Broker.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.Payload;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.engine.spi.DeadLetter;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PoisonPillsIT {

    record PersonCreated(String code, int id, @NotBlank String name, @Email String email) {
    }

    @Test
    void every_poison_pill_ends_handled_or_dead_lettered_with_its_reason_and_the_consumer_keeps_going() {
        String topic = Broker.topic("poison", 1);
        Broker.broker().createTopic(topic + ".DLT", 1);
        Map<Long, String> handled = new ConcurrentHashMap<>();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(Broker.unique("poison")).build());
        adapter.get(topic, "PERSON_CREATED", PersonCreated.class,
                (person, message) -> handled.put(message.offset(), "person " + person.id()));
        adapter.get(topic, message -> handled.put(message.offset(), describe(message)));
        byte[] oneMegabyte = new byte[1_000_000];
        Arrays.fill(oneMegabyte, (byte) 'x');
        byte[] bigJson = ("{\"code\":\"BIG\",\"blob\":\"" + new String(oneMegabyte) + "\"}").getBytes();

        Broker.produce(topic, 0, "utf8", new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});              // 0
        Broker.produce(topic, 0, "malformed", utf8("{\"code\":\"PERSON_CREATED\",\"id\":"));             // 1
        Broker.produce(topic, 0, "mistyped", utf8("{\"code\":\"PERSON_CREATED\",\"id\":\"seven\"}"));    // 2
        Broker.produce(topic, 0, "array", utf8("[{\"code\":\"PERSON_CREATED\"}]"));                     // 3
        Broker.produce(topic, 0, "invalid", utf8("{\"code\":\"PERSON_CREATED\",\"id\":4,\"name\":\"Ada\","
                + "\"email\":\"not-an-email\"}"));                                                        // 4
        Broker.produce(topic, 0, "big", bigJson);                                                         // 5
        Broker.produce(topic, 0, "tombstone", null);                                                      // 6
        Broker.produce(topic, 0, "fine", utf8("{\"code\":\"PERSON_CREATED\",\"id\":7,\"name\":\"Grace\","
                + "\"email\":\"grace@example.org\"}"));                                                   // 7

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.containsKey(7L)
                    && adapter.state().deadLettered() == 2);
        }

        assertThat(handled).containsOnlyKeys(0L, 1L, 3L, 5L, 6L, 7L);
        assertThat(handled).containsEntry(0L, "bytes 3").containsEntry(1L, "text")
                .containsEntry(3L, "list").containsEntry(5L, "map BIG").containsEntry(6L, "null")
                .containsEntry(7L, "person 7");
        Map<String, ConsumerRecord<byte[], byte[]>> dead = Broker.readAll(topic + ".DLT", 2, Duration.ofSeconds(30))
                .stream().collect(Collectors.toMap(record -> new String(record.key()), record -> record));
        assertThat(dead).containsOnlyKeys("mistyped", "invalid");
        assertThat(header(dead.get("mistyped"), DeadLetter.EXCEPTION_MESSAGE)).contains("Cannot bind")
                .contains("PersonCreated");
        assertThat(header(dead.get("invalid"), DeadLetter.EXCEPTION_MESSAGE))
                .isEqualTo("PersonCreated is invalid: email: must be a well-formed email address");
        assertThat(header(dead.get("invalid"), DeadLetter.ATTEMPTS)).as("not retried").isEqualTo("1");
    }

    record Order(@NotBlank String id, @Positive BigDecimal amount) {
    }

    @Test
    void typed_parts_bind_tolerantly_from_the_bytes_and_every_poison_pill_still_ends_somewhere() {
        String topic = Broker.topic("poison-lazy", 1);
        Broker.broker().createTopic(topic + ".DLT", 1);
        Map<Long, String> handled = new ConcurrentHashMap<>();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(
                Broker.config(Broker.unique("poison-lazy")).build());
        adapter.get(topic, List.of("ORDER_PLACED"), Payload.of(Order.class).at("/data"),
                (order, message) -> handled.put(message.offset(), "order " + order.id()));
        adapter.get(topic, "BOOM", message -> {
            throw new AssertionError("a handler's own Error");
        });
        adapter.get(topic, message -> handled.put(message.offset(), describe(message)));

        Broker.produce(topic, 0, "added-field", utf8("{\"code\":\"ORDER_PLACED\",\"data\":{\"id\":\"A-1\","
                + "\"amount\":1.5,\"currency\":\"EUR\"},\"timestamp\":\"2023-10-27T10:00:00Z\"}"));      // 0
        Broker.produce(topic, 0, "number-code", utf8("{\"code\":7,\"data\":{}}"));                      // 1
        Broker.produce(topic, 0, "mistyped", utf8("{\"code\":\"ORDER_PLACED\",\"data\":{\"id\":\"A-2\","
                + "\"amount\":\"lots\"}}"));                                                                 // 2
        Broker.produce(topic, 0, "invalid", utf8("{\"code\":\"ORDER_PLACED\",\"data\":{\"id\":\"A-3\","
                + "\"amount\":-1}}"));                                                                         // 3
        Broker.produce(topic, 0, "no-data", utf8("{\"code\":\"ORDER_PLACED\"}"));                          // 4
        Broker.produce(topic, 0, "broken-after-code", utf8("{\"code\":\"ORDER_PLACED\",\"data\":{\"id\":"));  // 5
        Broker.produce(topic, 0, "empty", new byte[0]);                                                      // 6
        Broker.produce(topic, 0, "error", utf8("{\"code\":\"BOOM\"}"));                                    // 7
        Broker.produce(topic, 0, "array", utf8("[{\"code\":\"ORDER_PLACED\"}]"));                          // 8
        Broker.produce(topic, 0, "fine", utf8("{\"code\":\"ORDER_PLACED\",\"data\":{\"id\":\"A-9\","
                + "\"amount\":9}}"));                                                                          // 9

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.containsKey(9L)
                    && adapter.state().deadLettered() == 4);
        }

        assertThat(handled).containsOnlyKeys(0L, 1L, 5L, 6L, 8L, 9L);
        assertThat(handled).containsEntry(0L, "order A-1").containsEntry(1L, "map null")
                .containsEntry(5L, "text").containsEntry(6L, "null").containsEntry(8L, "list")
                .containsEntry(9L, "order A-9");
        Map<String, ConsumerRecord<byte[], byte[]>> dead = Broker.readAll(topic + ".DLT", 4, Duration.ofSeconds(30))
                .stream().collect(Collectors.toMap(record -> new String(record.key()), record -> record));
        assertThat(dead).containsOnlyKeys("mistyped", "invalid", "no-data", "error");
        assertThat(header(dead.get("mistyped"), DeadLetter.EXCEPTION_MESSAGE)).contains("at data.amount");
        assertThat(header(dead.get("invalid"), DeadLetter.EXCEPTION_MESSAGE))
                .isEqualTo("Order at /data is invalid: data.amount: must be greater than 0");
        assertThat(header(dead.get("no-data"), DeadLetter.EXCEPTION_MESSAGE)).contains("has nothing at /data");
        assertThat(header(dead.get("invalid"), DeadLetter.ATTEMPTS)).as("not retried").isEqualTo("1");
        assertThat(header(dead.get("error"), DeadLetter.EXCEPTION_MESSAGE)).isEqualTo("a handler's own Error");
        assertThat(adapter.state().status()).isNotEqualTo(io.kafkify.consumers.domain.ConsumerStatus.FAILED);
    }

    private static String describe(Message message) {
        Object value = message.value();
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return "bytes " + bytes.length;
        }
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof List<?>) {
            return "list";
        }
        return "map " + message.code();
    }
}
