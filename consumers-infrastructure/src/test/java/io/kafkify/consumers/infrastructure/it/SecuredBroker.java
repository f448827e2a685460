package io.kafkify.consumers.infrastructure.it;

import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one secured broker of the security tests' JVM: a SASL_SSL listener with a SCRAM user, an
 * SSL listener that requires client certificates, and ACLs. The tests create their topics, produce
 * and read offsets over its PLAINTEXT listener, which is a super user; the consumers under test
 * connect over the secured listeners as {@link #USER} or {@link #TLS_CLIENT} and get only what each
 * test grants.
 */
final class SecuredBroker {

    static final String USER = "orders-service";
    /** Random, so that a test looking for it in logs finds nothing but a leak. */
    static final String PASSWORD = "pw-" + UUID.randomUUID();
    static final String TLS_CLIENT = "billing-service";

    private static EmbeddedKafkaBroker broker; // guarded by SecuredBroker.class

    private SecuredBroker() {
    }

    static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            // tag::secured-broker[]
            broker = EmbeddedKafkaBroker.builder()
                    .scramUser("orders-service", PASSWORD) // a SASL_SSL listener; SCRAM-SHA-256 and -512
                    .mutualTls()                           // an SSL listener that requires client certificates
                    .acls()                                // StandardAuthorizer: what no ACL allows is denied
                    .jvmOption("-XX:TieredStopAtLevel=1")  // starts sooner; these tests need no throughput
                    .build();
            // end::secured-broker[]
        }
        return broker.start(); // the JVM's shutdown hook closes it
    }

    static String topic(String prefix, int partitions) {
        String topic = Broker.unique(prefix);
        broker().createTopic(topic, partitions);
        return topic;
    }

    /** A consumer's configuration: the listener's client settings, then the test's group. */
    static KafkaConsumerConfig.Builder config(Map<String, Object> listenerProperties, String group) {
        return KafkaConsumerConfig.builder()
                .properties(listenerProperties)
                .groupId(group)
                .shutdownTimeout(Duration.ofSeconds(10))
                .retryBackoffMs(100);
    }

    /** Produces {@code count} numbered JSON records round-robin over the partitions, as a super user. */
    static void produceNumbered(String topic, int partitions, int count) {
        produceNumbered(topic, partitions, 0, count);
    }

    /** The same, numbered from {@code from}. */
    static void produceNumbered(String topic, int partitions, int from, int count) {
        try (KafkaProducer<byte[], byte[]> producer = broker().newProducer()) {
            for (int n = from; n < from + count; n++) {
                producer.send(new ProducerRecord<>(topic, n % partitions, null,
                        ("{\"code\":\"NUMBERED\",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    /** The group's committed offsets, summed over its partitions. */
    static long committedTotal(String group) {
        try (Admin admin = broker().newAdmin()) {
            return Broker.committed(admin, group).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
