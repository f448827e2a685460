package io.kafkify.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.Listening;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.router.ConsumerRouter;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import io.kafkify.examples.consumer.events.PersonUpdated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, run as written against a real broker: the tagged region below is
 * what README.md and docs/consumer.md show.
 */
class QuickStartIT {

    private final List<Object> saved = new CopyOnWriteArrayList<>();
    private final List<PersonUpdated> updated = new CopyOnWriteArrayList<>();
    private final List<Message> purchases = new CopyOnWriteArrayList<>();

    @Test
    void runs_the_readme_quick_start_on_a_real_broker() throws Exception {
        // tag::embedded-broker[]
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();    // one real broker per test JVM
        broker.createTopic("people-events", 1);
        broker.createTopic("purchase-events", 1);
        try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) {
            producer.send(record("people-events", "{\"code\": \"PERSON_CREATED\", \"data\": {\"id\": \"42\"}}"));
            producer.send(record("people-events", "{\"code\": \"PERSON_UPDATED\", \"data\": {\"id\": \"42\"}}"));
            producer.send(record("purchase-events", "{\"order\": \"A-1001\"}"));
        }
        String bootstrapServers = broker.bootstrapServers();
        // end::embedded-broker[]

        // tag::quick-start[]
        // tag::configure[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .bootstrapServers(bootstrapServers)        // required, e.g. "localhost:9092"
                .groupId("people-service")                 // default "my-app-consumer"
                .build();                                  // validates: one exception lists every violation
        // end::configure[]

        // tag::routers[]
        ConsumerRouter people = new ConsumerRouter();
        people.get("people-events", List.of("PERSON_CREATED"), message -> save(message.value()));
        people.get("people-events", List.of("PERSON_UPDATED"), PersonUpdated.class, (event, message) -> update(event));
        ConsumerRouter app = new ConsumerRouter();
        app.includeRouter(people);
        app.get("purchase-events", message -> record(message));      // default handler of the topic
        // end::routers[]

        // tag::run[]
        try (KafkaBaseConsumerAdapter consumer = new KafkaBaseConsumerAdapter(config)) {
            app.registerHandlers(consumer);      // or consumer.get(...) directly
            Listening listening = consumer.listenInBackground(); // start(), then listen() on its own thread
            awaitShutdown();                     // the application does its work; SIGTERM also stops it
            listening.stop();                    // graceful: drain in-flight, commit, close; any thread
        }
        // end::run[]
        // end::quick-start[]

        assertThat(saved).hasSize(1);
        assertThat(updated).singleElement().satisfies(event -> assertThat(event.data().id()).isEqualTo("42"));
        assertThat(purchases).singleElement().satisfies(message -> assertThat(message.code()).isNull());
    }

    private void save(Object person) {
        saved.add(person);
    }

    private void update(PersonUpdated event) {
        updated.add(event);
    }

    private void record(Message purchase) {
        purchases.add(purchase);
    }

    private void awaitShutdown() {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> saved.size() + updated.size() + purchases.size() == 3);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String json) {
        return new ProducerRecord<>(topic, "42".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }
}
