package io.kafkify.consumers.testkit.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One broker with every security option, shared by the tests of this class. */
class SecuredEmbeddedKafkaBrokerIT {

    private static final String PASSWORD = "alice-" + UUID.randomUUID();
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().scramUser("alice", PASSWORD).mutualTls().acls().build().start();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void a_scram_user_reads_over_sasl_ssl_what_its_acls_allow() throws Exception {
        String topic = unique("sasl");
        broker.createTopic(topic, 1);
        String group = unique("readers");
        broker.grantTopicRead("alice", topic);
        broker.grantGroupRead("alice", group);
        broker.grantTopicWrite("alice", topic);

        try (KafkaProducer<byte[], byte[]> producer = producer(broker.saslSslProperties("alice"))) {
            producer.send(new ProducerRecord<>(topic, "over SASL_SSL".getBytes(UTF_8))).get(30, TimeUnit.SECONDS);
        }

        assertThat(readOne(broker.saslSslProperties("alice"), group, topic)).isEqualTo("over SASL_SSL");
    }

    @Test
    void a_client_certificate_authenticates_its_common_name_over_mutual_tls() throws Exception {
        String topic = unique("mtls");
        broker.createTopic(topic, 1);
        String group = unique("readers");
        broker.grantTopicRead("billing", topic);
        broker.grantGroupRead("billing", group);
        produce(topic, "over mTLS");

        assertThat(readOne(broker.sslProperties("billing"), group, topic)).isEqualTo("over mTLS");
    }

    @Test
    void a_wrong_password_is_refused() {
        try (Admin admin = Admin.create(broker.saslSslProperties("alice", "not-" + PASSWORD))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void a_principal_without_acls_is_denied() {
        String topic = unique("denied");
        broker.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> producer = producer(broker.saslSslProperties("alice"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, new byte[1])).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void builds_client_settings_only_for_its_listeners_and_users() {
        assertThatThrownBy(() -> broker.saslSslProperties("nobody")).hasMessageContaining("no SCRAM user \"nobody\"");
        try (EmbeddedKafkaBroker plain = EmbeddedKafkaBroker.builder().build()) {
            assertThatThrownBy(plain::sslProperties).hasMessageContaining("Call start() first");
        }
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().scramUser("a,b", "x\"y").build())
                .hasMessageContaining("scramUser \"a,b\": a user name")
                .hasMessageContaining("the password is not shown")
                .hasMessageNotContaining("x\"y");
    }

    private static void produce(String topic, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) {
            producer.send(new ProducerRecord<>(topic, value.getBytes(UTF_8))).get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> security) {
        Map<String, Object> properties = new java.util.HashMap<>(security);
        properties.put("key.serializer", ByteArraySerializer.class.getName());
        properties.put("value.serializer", ByteArraySerializer.class.getName());
        properties.put("max.block.ms", 30_000);
        return new KafkaProducer<>(properties);
    }

    private static String readOne(Map<String, Object> security, String group, String topic) {
        Map<String, Object> properties = new java.util.HashMap<>(security);
        properties.put("group.id", group);
        properties.put("auto.offset.reset", "earliest");
        properties.put("key.deserializer", ByteArrayDeserializer.class.getName());
        properties.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received).hasSize(1);
        return new String(received.get(0).value(), UTF_8);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
