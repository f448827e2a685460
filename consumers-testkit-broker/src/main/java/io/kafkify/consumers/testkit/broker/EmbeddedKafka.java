package io.kafkify.consumers.testkit.broker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class the {@linkplain EmbeddedKafkaBroker#shared() shared embedded
 * broker}, started before its first test, with its topics created. A test method or constructor
 * parameter of type {@link EmbeddedKafkaBroker} receives the broker:
 *
 * <pre>{@code
 * @EmbeddedKafka(topics = {"orders", "orders.DLT"}, partitions = 3)
 * class OrdersIT {
 *     @Test
 *     void handles_every_order(EmbeddedKafkaBroker broker) {
 *         KafkaConsumerConfig config = KafkaConsumerConfig.builder()
 *                 .bootstrapServers(broker.bootstrapServers()).build();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>One broker serves every class of the test JVM (it starts once, in a few seconds, and ends
 * with the JVM). A topic is created once per JVM: classes that name the same topic share it, so
 * give each its own group id, or its own topics.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedKafkaExtension.class)
public @interface EmbeddedKafka {

    /** @return topics to create before the class's first test, if they do not exist yet */
    String[] topics() default {};

    /** @return partitions of each topic created */
    int partitions() default 1;
}
