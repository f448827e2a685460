package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kafkify.consumers.domain.InvalidConfigurationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KafkaConsumerConfigLoggingTest {

    private static final String AUTO_COMMIT_WARNING = "enable.auto.commit is true";

    private static int occurrences(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    @Test
    void warns_once_per_build_that_auto_commit_gives_up_at_least_once() {
        String logged;
        try (KafkaConsumerConfigLogCapture log = new KafkaConsumerConfigLogCapture()) {
            KafkaConsumerConfig config = KafkaConsumerConfig.builder()
                    .bootstrapServers("localhost:9092")
                    .enableAutoCommit(true)
                    .build();
            assertThat(config.enableAutoCommit()).isTrue();
            logged = log.text();
        }

        assertThat(occurrences(logged, AUTO_COMMIT_WARNING)).isEqualTo(1);
        assertThat(logged).contains("WARN", "at-least-once guarantee no longer holds");
    }

    @Test
    void does_not_warn_about_auto_commit_by_default() {
        String logged;
        try (KafkaConsumerConfigLogCapture log = new KafkaConsumerConfigLogCapture()) {
            KafkaConsumerConfig.builder().bootstrapServers("localhost:9092").build();
            logged = log.text();
        }

        assertThat(logged).doesNotContain(AUTO_COMMIT_WARNING);
    }

    @Test
    void does_not_warn_about_auto_commit_when_the_build_fails() {
        String logged;
        try (KafkaConsumerConfigLogCapture log = new KafkaConsumerConfigLogCapture()) {
            catchThrowableOfType(InvalidConfigurationException.class,
                    () -> KafkaConsumerConfig.builder().enableAutoCommit(true).build());
            logged = log.text();
        }

        assertThat(logged).doesNotContain(AUTO_COMMIT_WARNING);
    }

    @Test
    void warns_about_properties_kafka_does_not_define_and_keeps_them() {
        String logged;
        KafkaConsumerConfig config;
        try (KafkaConsumerConfigLogCapture log = new KafkaConsumerConfigLogCapture()) {
            config = KafkaConsumerConfig.builder()
                    .bootstrapServers("localhost:9092")
                    .property("fetch.min.byte", "1")
                    .property("metrics.context.team", "people")
                    .build();
            logged = log.text();
        }

        assertThat(logged).contains("WARN", "does not define the properties [fetch.min.byte]");
        assertThat(config.toConsumerProperties())
                .containsEntry("fetch.min.byte", "1")
                .containsEntry("metrics.context.team", "people");
    }
}
