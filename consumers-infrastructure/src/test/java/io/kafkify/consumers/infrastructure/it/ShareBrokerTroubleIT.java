package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.Listening;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.infrastructure.KafkaShareConsumerAdapter;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A share consumer whose broker (one of this test's own, with share groups) stops in the middle of
 * a stream and starts again on the same ports and data: the state says DISCONNECTED while it is
 * down and RUNNING once it is back, and every record produced before and after is handled.
 */
class ShareBrokerTroubleIT {

    private static final int PARTITIONS = 2;
    private static final int BEFORE = 300;
    private static final int AFTER = 100;

    @Test
    void a_share_consumer_reports_disconnected_while_its_broker_is_down_and_loses_no_record() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            String topic = Broker.unique("share-outage");
            String group = Broker.unique("share-outage");
            broker.createTopic(topic, PARTITIONS);
            broker.shareAutoOffsetReset(group, "earliest");
            produceNumbered(broker, topic, 0, BEFORE);
            Set<Integer> handled = ConcurrentHashMap.newKeySet();
            KafkaShareConsumerAdapter adapter = KafkaShareConsumerAdapter.builder(KafkaConsumerConfig.builder()
                            .bootstrapServers(broker.bootstrapServers())
                            .groupId(group)
                            .ordering(Ordering.UNORDERED)
                            .maxConcurrency(4)
                            .recordRetryBackoffMs(50)
                            .shutdownTimeout(Duration.ofSeconds(10))
                            .build())
                    .deliveryLimit(5)
                    .build();
            adapter.get(topic, message -> {
                handled.add(CommitIT.number(message));
                Thread.sleep(20); // so that the outage comes mid-stream
            });

            try (Listening listening = adapter.listenInBackground()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= BEFORE / 4);
                broker.stop();
                assertThat(handled).hasSizeLessThan(BEFORE);

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> adapter.state().status() == ConsumerStatus.DISCONNECTED);
                assertThat(adapter.state().lastError()).contains(broker.bootstrapServers());
                assertThat(adapter.state().healthy()).isFalse();

                broker.start();
                produceNumbered(broker, topic, BEFORE, AFTER);

                await().atMost(Duration.ofSeconds(60)).until(() -> adapter.state().status() == ConsumerStatus.RUNNING);
                await().atMost(Duration.ofSeconds(90)).until(() -> handled.size() == BEFORE + AFTER);
                assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.RUNNING);
            }
            assertThat(handled).containsExactlyInAnyOrderElementsOf(CommitIT.range(0, BEFORE + AFTER));
        }
    }

    private static void produceNumbered(EmbeddedKafkaBroker broker, String topic, int from, int count) {
        Map<String, Object> properties = broker.producerProperties();
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (int n = from; n < from + count; n++) {
                producer.send(new ProducerRecord<>(topic, n % PARTITIONS, Broker.utf8("key-" + n),
                        Broker.utf8("{\"code\":\"NUMBERED\",\"n\":" + n + "}")));
            }
            producer.flush();
        }
    }
}
