package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A consumer over each secured listener of a broker that checks credentials and ACLs. */
class SecuredConsumerIT {

    private static final int RECORDS = 200;
    private static final int PARTITIONS = 2;

    @Test
    void handles_and_commits_every_record_over_sasl_ssl_with_scram() {
        EmbeddedKafkaBroker broker = SecuredBroker.broker();
        String topic = SecuredBroker.topic("sasl-ssl", PARTITIONS);
        String group = Broker.unique("sasl-ssl");
        // tag::grant-consumer[]
        broker.grantTopicRead("orders-service", topic);
        broker.grantGroupRead("orders-service", group);
        // end::grant-consumer[]

        // tag::sasl-ssl-config[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .properties(broker.saslSslProperties("orders-service")) // bootstrap.servers, SASL_SSL, SCRAM, trust store
                .groupId(group)
                .build();
        // end::sasl-ssl-config[]

        consumesAndCommitsEverything(config, topic, group);
    }

    @Test
    void handles_and_commits_every_record_over_mutual_tls() {
        EmbeddedKafkaBroker broker = SecuredBroker.broker();
        String topic = SecuredBroker.topic("mtls", PARTITIONS);
        String group = Broker.unique("mtls");
        broker.grantTopicRead(SecuredBroker.TLS_CLIENT, topic);
        broker.grantGroupRead(SecuredBroker.TLS_CLIENT, group);

        // tag::mtls-config[]
        KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                .properties(broker.sslProperties("billing-service")) // a certificate for CN=billing-service
                .groupId(group)
                .build();
        // end::mtls-config[]

        consumesAndCommitsEverything(config, topic, group);
    }

    private static void consumesAndCommitsEverything(KafkaConsumerConfig config, String topic, String group) {
        SecuredBroker.produceNumbered(topic, PARTITIONS, RECORDS);
        Set<Integer> handled = ConcurrentHashMap.newKeySet();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(config);
        adapter.get(topic, message -> handled.add(CommitIT.number(message)));

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == RECORDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> SecuredBroker.committedTotal(group) == RECORDS);
            assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.RUNNING);
        }
        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.STOPPED);
        assertThat(SecuredBroker.committedTotal(group)).isEqualTo(RECORDS);
        assertThat(adapter.state().failed()).isZero();
    }
}
