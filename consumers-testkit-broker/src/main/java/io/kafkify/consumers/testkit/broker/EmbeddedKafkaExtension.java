package io.kafkify.consumers.testkit.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link EmbeddedKafka}: starts the shared broker before a class's
 * first test, creates the class's topics once per JVM, and resolves {@link EmbeddedKafkaBroker}
 * parameters. Usable on its own with {@code @ExtendWith}, then without topics.
 *
 * <p>Threading: thread-safe, for JUnit's parallel execution.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, ParameterResolver {

    /** Topics created by this extension in this JVM, with their partition counts. */
    private static final Map<String, Integer> CREATED = new ConcurrentHashMap<>();

    /** Used by JUnit. */
    public EmbeddedKafkaExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.shared();
        EmbeddedKafka settings = context.getRequiredTestClass().getAnnotation(EmbeddedKafka.class);
        if (settings == null) {
            return;
        }
        if (settings.partitions() < 1) {
            throw new EmbeddedKafkaBrokerException("@EmbeddedKafka(partitions = " + settings.partitions() + ") on "
                    + context.getRequiredTestClass().getName() + ": a topic needs at least 1 partition");
        }
        for (String topic : settings.topics()) {
            create(broker, topic, settings.partitions(), context.getRequiredTestClass().getName());
        }
    }

    private static void create(EmbeddedKafkaBroker broker, String topic, int partitions, String testClass) {
        synchronized (CREATED) {
            Integer existing = CREATED.get(topic);
            if (existing == null) {
                broker.createTopic(topic, partitions);
                CREATED.put(topic, partitions);
            } else if (existing != partitions) {
                throw new EmbeddedKafkaBrokerException("@EmbeddedKafka on " + testClass + " asks for topic " + topic
                        + " with " + partitions + " partitions, but another test class of this JVM created it with "
                        + existing + "; give the classes their own topics");
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return EmbeddedKafkaBroker.shared();
    }
}
