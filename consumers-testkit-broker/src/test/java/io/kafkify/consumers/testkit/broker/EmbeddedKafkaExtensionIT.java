package io.kafkify.consumers.testkit.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

// tag::embedded-kafka[]
@EmbeddedKafka(topics = {"extension-orders", "extension-orders.DLT"}, partitions = 3)
class EmbeddedKafkaExtensionIT {

    @Test
    void gives_the_class_the_shared_broker_with_its_topics(EmbeddedKafkaBroker broker) throws Exception {
        String bootstrapServers = broker.bootstrapServers();    // for KafkaConsumerConfig
        // end::embedded-kafka[]
        assertThat(bootstrapServers).isNotBlank();
        assertThat(broker).isSameAs(EmbeddedKafkaBroker.shared());
        assertThat(broker.isRunning()).isTrue();
        try (Admin admin = broker.newAdmin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of("extension-orders", "extension-orders.DLT")).allTopicNames().get();
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
        }
    }

    @Test
    void a_second_class_naming_the_same_topic_shares_it() {
        EngineExecutionResults results = execute(SameTopic.class);

        assertThat(results.allEvents().failed().count()).isZero();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
    }

    @Test
    void a_topic_asked_for_again_with_other_partitions_fails_the_class_naming_both_counts() {
        Events events = execute(OtherPartitions.class).allEvents();

        assertThat(events.failed().stream()).singleElement().satisfies(event ->
                assertThat(event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow())
                        .isInstanceOf(EmbeddedKafkaBrokerException.class)
                        .hasMessageContaining("topic extension-orders with 2 partitions")
                        .hasMessageContaining("created it with 3"));
    }

    private static EngineExecutionResults execute(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    /** Run only through EngineTestKit (a nested class is not picked up by Failsafe's name filter). */
    @EmbeddedKafka(topics = "extension-orders", partitions = 3)
    static class SameTopic {
        @Test
        void runs(EmbeddedKafkaBroker broker) {
            assertThat(broker.isRunning()).isTrue();
        }
    }

    /** Run only through EngineTestKit. */
    @EmbeddedKafka(topics = "extension-orders", partitions = 2)
    static class OtherPartitions {
        @Test
        void never_runs() {
        }
    }
}
