package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.domain.Ordering;
import org.junit.jupiter.api.Test;

/** What the share-group adapter refuses to be built with, and the client properties it gives the share consumer. */
class KafkaShareConsumerAdapterTest {

    private static KafkaConsumerConfig.Builder config() {
        return KafkaConsumerConfig.builder().bootstrapServers("localhost:9092").groupId("mailer")
                .ordering(Ordering.UNORDERED);
    }

    @Test
    void an_ordering_a_share_group_cannot_keep_is_refused_saying_why() {
        assertThatThrownBy(() -> new KafkaShareConsumerAdapter(config().ordering(Ordering.KEY).build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ordering is KEY, and a share group cannot keep it")
                .hasMessageContaining("Set ordering(Ordering.UNORDERED)");
        assertThatThrownBy(() -> new KafkaShareConsumerAdapter(KafkaConsumerConfig.builder()
                .bootstrapServers("localhost:9092").build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("ordering is PARTITION")
                .hasMessageContaining("the default PARTITION counts as asked");
    }

    @Test
    void the_stop_policy_and_implicit_acknowledgement_are_refused() {
        assertThatThrownBy(() -> new KafkaShareConsumerAdapter(config().failurePolicy(FailurePolicy.STOP)
                .property("share.acknowledgement.mode", "implicit").build()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("failurePolicy STOP halts a partition")
                .hasMessageContaining("share.acknowledgement.mode is implicit");
    }

    @Test
    void reject_is_a_share_group_policy_that_the_classic_adapter_refuses() {
        KafkaConsumerConfig rejecting = config().failurePolicy(FailurePolicy.REJECT).build();

        assertThatCode(() -> new KafkaShareConsumerAdapter(rejecting).stop()).doesNotThrowAnyException();
        assertThatThrownBy(() -> new KafkaBaseConsumerAdapter(rejecting))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The REJECT failure policy needs a share group");
    }

    @Test
    void the_share_consumer_acknowledges_explicitly_without_the_classic_groups_properties() {
        assertThat(ShareGroupSettings.consumerProperties(config().build()))
                .containsEntry("share.acknowledgement.mode", "explicit")
                .containsEntry("group.id", "mailer")
                .doesNotContainKeys("enable.auto.commit", "auto.offset.reset", "isolation.level");
    }
}
