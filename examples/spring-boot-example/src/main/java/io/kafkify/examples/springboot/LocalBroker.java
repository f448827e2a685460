package io.kafkify.examples.springboot;

import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When neither {@code kafkify.bootstrap-servers} nor {@code spring.kafka.bootstrap-servers} is
 * configured (in any of Boot's forms: {@code KAFKIFY_BOOTSTRAP_SERVERS} too), starts an embedded
 * broker with the {@code orders} topic, points the consumer at it and turns the sample orders on. The
 * broker is a bean of the context, closed after the consumer has stopped and committed.
 */
final class LocalBroker implements ApplicationContextInitializer<GenericApplicationContext> {

    static final String TOPIC = "orders";
    static final int PARTITIONS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(LocalBroker.class);

    @Override
    public void initialize(GenericApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (environment.containsProperty("kafkify.bootstrap-servers")
                || environment.containsProperty("spring.kafka.bootstrap-servers")) {
            return;
        }
        LOG.info("No bootstrap servers given (KAFKIFY_BOOTSTRAP_SERVERS): starting an embedded Kafka broker...");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().discardOnJvmExit(false).build();
        broker.start();
        broker.createTopic(TOPIC, PARTITIONS);
        broker.createTopic(TOPIC + ".DLT", 1);
        environment.getPropertySources().addFirst(new MapPropertySource("localBroker", Map.of(
                "kafkify.bootstrap-servers", broker.bootstrapServers(), SampleOrders.ENABLED, "true")));
        context.registerBean("localKafkaBroker", EmbeddedKafkaBroker.class, () -> broker);
        LOG.info("Embedded broker at {} with the topic {} ({} partitions) and {}.DLT", broker.bootstrapServers(), TOPIC,
                PARTITIONS, TOPIC);
    }
}
