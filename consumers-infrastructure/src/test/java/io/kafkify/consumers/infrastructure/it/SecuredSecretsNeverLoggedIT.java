package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No secret reaches a log line, a {@code toString} or an exception message, whatever Kafkify and
 * the Kafka clients log at TRACE: this JVM's SLF4J backend (slf4j-simple) writes every logger at
 * TRACE into the file that {@code kafkify.test.log.file} names (see this module's pom), and the
 * test reads that file after consumers authenticated over SASL_SSL and mutual TLS, published a
 * dead letter, and failed with a wrong password.
 */
class SecuredSecretsNeverLoggedIT {

    @Test
    void no_password_jaas_config_or_store_password_appears_in_the_trace_log_texts_or_messages() throws Exception {
        String logFileName = System.getProperty("kafkify.test.log.file");
        // Only the pom's security execution logs at TRACE into a file; -Dit.test also runs the test in the default one.
        assumeTrue(logFileName != null, "runs in the failsafe execution 'security', which sets kafkify.test.log.file");
        Path logFile = Path.of(logFileName);
        EmbeddedKafkaBroker broker = SecuredBroker.broker();
        Map<String, Object> sasl = broker.saslSslProperties(SecuredBroker.USER);
        sasl.put("sasl.mechanism", "SCRAM-SHA-256"); // the user's other credential; SecuredConsumerIT uses SHA-512
        Map<String, Object> wrong = broker.saslSslProperties(SecuredBroker.USER, "wrong-" + SecuredBroker.PASSWORD);
        Map<String, Object> mtls = broker.sslProperties(SecuredBroker.TLS_CLIENT);
        List<String> texts = new ArrayList<>();

        texts.addAll(consumeAndDeadLetter(SecuredBroker.config(sasl, Broker.unique("secrets-sasl")).build(),
                SecuredBroker.USER));
        texts.addAll(consumeAndDeadLetter(SecuredBroker.config(mtls, Broker.unique("secrets-mtls")).build(),
                SecuredBroker.TLS_CLIENT));
        texts.addAll(failToAuthenticate(SecuredBroker.config(wrong, Broker.unique("secrets-wrong")).build()));
        texts.add(broker.toString());

        Set<String> secrets = secretsOf(sasl, wrong, mtls);
        assertThat(secrets).contains(SecuredBroker.PASSWORD, "wrong-" + SecuredBroker.PASSWORD);
        assertThat(logFile).as("the TRACE log of the security ITs' JVM, set in the pom").exists();
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertThat(log).as("the log holds the clients' TRACE lines and Kafkify's")
                .contains("TRACE org.apache.kafka").contains("Kafkify consumer of group secrets-sasl");
        for (String secret : secrets) {
            assertThat(log).as("the TRACE log of " + logFile).doesNotContain(secret);
            assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(secret));
        }
    }

    /** Consumes two records over a secured listener, dead-letters one, and returns the texts it made. */
    private static List<String> consumeAndDeadLetter(KafkaConsumerConfig config, String principal) {
        EmbeddedKafkaBroker broker = SecuredBroker.broker();
        String topic = SecuredBroker.topic("secrets", 1);
        broker.createTopic(topic + ".DLT", 1);
        broker.grantTopicRead(principal, topic);
        broker.grantGroupRead(principal, config.groupId());
        broker.grantTopicWrite(principal, topic + ".DLT");
        SecuredBroker.produceNumbered(topic, 1, 2);
        Set<Integer> handled = ConcurrentHashMap.newKeySet();
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(config.toBuilder().maxAttempts(1).build());
        adapter.get(topic, message -> {
            int n = CommitIT.number(message);
            if (n == 1) {
                throw new IllegalStateException("record 1 goes to the dead-letter topic");
            }
            handled.add(n);
        });
        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == 1 && adapter.state().deadLettered() == 1);
        }
        return List.of(config.toString(), config.toMaskedMap().toString(), adapter.state().toString());
    }

    private static List<String> failToAuthenticate(KafkaConsumerConfig config) {
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(config);
        adapter.get(SecuredBroker.topic("secrets-wrong", 1), message -> { });
        List<String> texts = new ArrayList<>();
        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> adapter.state().status() == ConsumerStatus.FAILED);
            running.loop.handle((done, failure) -> null).orTimeout(10, TimeUnit.SECONDS).join();
            for (Throwable cause = running.failure.get(); cause != null; cause = cause.getCause()) {
                texts.add(String.valueOf(cause.getMessage()));
                texts.add(cause.toString());
            }
        }
        texts.add(config.toString());
        texts.add(adapter.state().toString());
        return texts;
    }

    /** Every password of the clients' settings, and every JAAS configuration whole. */
    @SafeVarargs
    private static Set<String> secretsOf(Map<String, Object>... settings) {
        Set<String> secrets = new LinkedHashSet<>();
        Stream.of(settings).flatMap(map -> map.entrySet().stream())
                .filter(entry -> entry.getKey().contains("password") || entry.getKey().contains("jaas"))
                .forEach(entry -> secrets.add(String.valueOf(entry.getValue())));
        secrets.add(SecuredBroker.PASSWORD);
        secrets.add("wrong-" + SecuredBroker.PASSWORD);
        return secrets;
    }
}
