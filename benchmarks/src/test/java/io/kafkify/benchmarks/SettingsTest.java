package io.kafkify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.Ordering;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void an_arm_filter_with_commas_takes_each_arm_it_names() {
        Settings settings = Settings.parse("--full", "--arms", "raw-loop,kafkify-key");

        assertThat(settings.includes(new RawConsumerArm())).isTrue();
        assertThat(settings.includes(new KafkifyArm(Ordering.KEY, 0))).isTrue();
        assertThat(settings.includes(new KafkifyArm(Ordering.PARTITION, 0))).isFalse();
        assertThat(settings.includes(new SpringKafkaArm())).isFalse();
    }

    @Test
    void no_arm_filter_takes_every_arm() {
        Settings settings = Settings.parse("--full");

        assertThat(settings.includes(new KafkifyArm(Ordering.PARTITION, 0))).isTrue();
        assertThat(settings.includes(new SpringKafkaArm())).isTrue();
    }
}
