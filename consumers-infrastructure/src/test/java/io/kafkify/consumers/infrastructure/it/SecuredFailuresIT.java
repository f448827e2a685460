package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * What a consumer does when the broker refuses it: a failure that no retry mends ends in
 * {@link ConsumerStatus#FAILED} with a message that names what to fix, and never in a retry loop;
 * a dead-letter topic it may not write to holds its partition, with nothing committed past the record.
 */
class SecuredFailuresIT {

    private static final Duration FAILS_WITHIN = Duration.ofSeconds(30);

    @Test
    void a_wrong_password_fails_the_consumer_saying_that_authentication_failed() {
        EmbeddedKafkaBroker broker = SecuredBroker.broker();
        String topic = SecuredBroker.topic("wrong-password", 1);
        KafkaConsumerConfig config = SecuredBroker.config(
                broker.saslSslProperties(SecuredBroker.USER, "not-" + SecuredBroker.PASSWORD), Broker.unique("wrong-password"))
                .build();

        String reason = failureOf(config, topic);

        assertThat(reason).contains("Authentication with " + broker.saslSslProperties(SecuredBroker.USER)
                        .get("bootstrap.servers") + " failed")
                .contains("invalid credentials with SASL mechanism SCRAM-SHA-512")
                .contains("sasl.jaas.config");
    }

    @Test
    void a_client_without_a_certificate_fails_on_the_mutual_tls_listener() {
        EmbeddedKafkaBroker broker = SecuredBroker.broker();
        String topic = SecuredBroker.topic("no-certificate", 1);
        KafkaConsumerConfig config = SecuredBroker.config(broker.sslProperties(), Broker.unique("no-certificate")).build();

        assertThat(failureOf(config, topic)).contains("Authentication with " + config.bootstrapServers() + " failed")
                .contains("ssl.keystore.*");
    }

    @Test
    void reading_a_topic_without_read_on_it_fails_naming_the_topic() {
        EmbeddedKafkaBroker broker = SecuredBroker.broker();
        String topic = SecuredBroker.topic("topic-denied", 1);
        String group = Broker.unique("topic-denied");
        broker.grantGroupRead(SecuredBroker.USER, group);

        String reason = failureOf(SecuredBroker.config(broker.saslSslProperties(SecuredBroker.USER), group).build(), topic);

        assertThat(reason).contains("Not authorized to read topics [" + topic + "]")
                .contains("Grant the principal READ and DESCRIBE on them");
    }

    @Test
    void joining_a_group_without_read_on_it_fails_naming_the_group() {
        EmbeddedKafkaBroker broker = SecuredBroker.broker();
        String topic = SecuredBroker.topic("group-denied", 1);
        String group = Broker.unique("group-denied");
        broker.grantTopicRead(SecuredBroker.USER, topic);

        String reason = failureOf(SecuredBroker.config(broker.saslSslProperties(SecuredBroker.USER), group).build(), topic);

        assertThat(reason).contains("Not authorized to use consumer group \"" + group + "\"")
                .contains("Grant the principal READ on the group");
    }

    @Test
    void a_dead_letter_topic_without_write_holds_the_record_and_names_the_topic() {
        EmbeddedKafkaBroker broker = SecuredBroker.broker();
        String topic = SecuredBroker.topic("dlt-denied", 1);
        broker.createTopic(topic + ".DLT", 1);
        String group = Broker.unique("dlt-denied");
        broker.grantTopicRead(SecuredBroker.USER, topic);
        broker.grantGroupRead(SecuredBroker.USER, group);
        SecuredBroker.produceNumbered(topic, 1, 5);
        Set<Integer> handled = ConcurrentHashMap.newKeySet();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(SecuredBroker.config(
                broker.saslSslProperties(SecuredBroker.USER), group)
                .maxAttempts(1).failurePolicy(FailurePolicy.DEAD_LETTER)
                .ordering(Ordering.UNORDERED) // so that the records after it are handled, and only the commit waits
                .build());
        adapter.get(topic, message -> {
            int n = CommitIT.number(message);
            if (n == 1) {
                throw new IllegalStateException("record 1 cannot be handled");
            }
            handled.add(n);
        });

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(FAILS_WITHIN).until(() -> handled.size() == 4 && adapter.state().lastError() != null
                    && adapter.state().lastError().contains(topic + ".DLT"));
            assertThat(adapter.state().lastError()).contains("Not authorized to write to topic " + topic + ".DLT")
                    .contains("Grant the principal WRITE on it");
            // The records after it are handled, but nothing is committed past it.
            await().atMost(FAILS_WITHIN).until(() -> offsetOf(group, topic) == 1L);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> offsetOf(group, topic) == 1L);
            assertThat(adapter.state().deadLettered()).isZero();
        }
    }

    /** Runs the consumer until it fails, which must happen in time, and returns why. */
    private static String failureOf(KafkaConsumerConfig config, String topic) {
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(config);
        adapter.get(topic, message -> { });
        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(FAILS_WITHIN).until(() -> adapter.state().status() == ConsumerStatus.FAILED);
            running.loop.handle((done, failure) -> null).orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(running.failure.get()).isInstanceOf(ConsumerStateException.class)
                    .hasMessage(adapter.state().lastError());
            return adapter.state().lastError();
        }
    }

    private static long offsetOf(String group, String topic) {
        Map<TopicPartition, Long> committed;
        try (var admin = SecuredBroker.broker().newAdmin()) {
            committed = Broker.committed(admin, group);
        }
        return committed.getOrDefault(new TopicPartition(topic, 0), 0L);
    }
}
