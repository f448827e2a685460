package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The broker killed (SIGKILL) under a consumer in the middle of a stream, and restarted on the same
 * ports and data: no record is lost, and the state says so while it happens. It runs on the shared
 * secured broker, with a SASL_SSL consumer, so a crash is also survived with authentication; the
 * broker is back, with its users and ACLs, for the tests that come after.
 */
class SecuredBrokerCrashIT {

    private static final int PARTITIONS = 2;
    private static final int BEFORE = 600;
    private static final int AFTER = 400;

    @Test
    void a_broker_killed_and_restarted_mid_stream_loses_no_record_and_the_state_follows_the_outage() {
        EmbeddedKafkaBroker broker = SecuredBroker.broker();
        String topic = SecuredBroker.topic("broker-crash", PARTITIONS);
        String group = Broker.unique("broker-crash");
        broker.grantTopicRead(SecuredBroker.USER, topic);
        broker.grantGroupRead(SecuredBroker.USER, group);
        SecuredBroker.produceNumbered(topic, PARTITIONS, 0, BEFORE);
        Set<Integer> handled = ConcurrentHashMap.newKeySet();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(SecuredBroker.config(
                broker.saslSslProperties(SecuredBroker.USER), group).maxPollRecords(50).build());
        adapter.get(topic, message -> {
            handled.add(CommitIT.number(message));
            Thread.sleep(2); // so that the crash comes mid-stream
        });

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= BEFORE / 4);
            broker.kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> adapter.state().status() == ConsumerStatus.DISCONNECTED);
            assertThat(handled).hasSizeLessThan(BEFORE + AFTER);

            broker.restart();
            SecuredBroker.produceNumbered(topic, PARTITIONS, BEFORE, AFTER);

            await().atMost(Duration.ofSeconds(60)).until(() -> adapter.state().status() == ConsumerStatus.RUNNING);
            await().atMost(Duration.ofSeconds(90)).until(() -> handled.size() == BEFORE + AFTER
                    && SecuredBroker.committedTotal(group) == BEFORE + AFTER);
            assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.RUNNING);
        }
        assertThat(handled).containsExactlyInAnyOrderElementsOf(IntStream.range(0, BEFORE + AFTER).boxed().toList());
    }
}
