package io.kafkify.consumers.infrastructure.it;

import static io.kafkify.consumers.infrastructure.it.Broker.produce;
import static io.kafkify.consumers.infrastructure.it.Broker.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.router.ConsumerRouter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RoutingIT {

    record PersonUpdated(String code, int id, String name) {
    }

    @Test
    void routes_records_of_two_topics_by_code_and_default_on_a_real_broker() {
        String people = Broker.topic("people-events", 1);
        String purchases = Broker.topic("purchase-events", 1);
        List<String> calls = new CopyOnWriteArrayList<>();
        List<Message> purchaseMessages = new CopyOnWriteArrayList<>();
        ConsumerRouter peopleRouter = new ConsumerRouter();
        peopleRouter.get(people, List.of("PERSON_CREATED"), message -> calls.add("created " + message.offset()));
        peopleRouter.get(people, List.of("PERSON_UPDATED"), PersonUpdated.class,
                (event, message) -> calls.add("updated " + event.name()));
        peopleRouter.get(people, message -> calls.add("people default " + message.offset()));
        ConsumerRouter app = new ConsumerRouter();
        app.includeRouter(peopleRouter);
        app.get(purchases, purchaseMessages::add);
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(Broker.unique("routing")).build());
        app.registerHandlers(adapter);

        produce(people, 0, "1", utf8("{\"code\":\"PERSON_CREATED\",\"id\":1}"));
        produce(people, 0, "2", utf8("{\"code\":\"PERSON_UPDATED\",\"id\":2,\"name\":\"Ada\"}"));
        produce(people, 0, "3", utf8("{\"code\":\"PERSON_DELETED\",\"id\":3}"));
        produce(people, 0, "4", utf8("{\"id\":4}"));
        produce(purchases, 0, "a", utf8("{\"purchaseId\":1}"));
        produce(purchases, 0, "b", utf8("not json"));
        produce(purchases, 0, "c", new byte[] {(byte) 0xFF, (byte) 0xFE});
        produce(purchases, 0, "d", new byte[0]);
        produce(purchases, 0, null, null);

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() == 4 && purchaseMessages.size() == 5);
        }

        assertThat(calls).containsExactly("created 0", "updated Ada", "people default 2", "people default 3");
        assertThat(purchaseMessages).extracting(Message::value).containsExactly(
                Map.of("purchaseId", 1), "not json", new byte[] {(byte) 0xFF, (byte) 0xFE}, null, null);
        assertThat(purchaseMessages).extracting(Message::key).containsExactly("a", "b", "c", "d", null);
        assertThat(adapter.state().handled()).isEqualTo(9);
    }

    @Test
    void skips_and_commits_a_record_no_handler_takes() {
        String topic = Broker.topic("unrouted", 1);
        String group = Broker.unique("unrouted");
        List<Message> created = new CopyOnWriteArrayList<>();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(Broker.config(group).build());
        adapter.get(topic, "PERSON_CREATED", created::add);
        produce(topic, 0, "1", utf8("{\"code\":\"PERSON_DELETED\"}"));
        produce(topic, 0, "2", utf8("{\"code\":\"PERSON_CREATED\"}"));

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> created.size() == 1);
        }

        assertThat(adapter.state().unrouted()).isEqualTo(1);
        assertThat(Broker.committed(group)).containsValue(2L);
    }
}
