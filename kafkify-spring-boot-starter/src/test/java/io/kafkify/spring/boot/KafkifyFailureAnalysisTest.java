package io.kafkify.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An invalid configuration fails start-up with one report naming every bad property. */
@ExtendWith(OutputCaptureExtension.class)
class KafkifyFailureAnalysisTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkifyAutoConfiguration.class));

    @Test
    void every_bad_property_is_named_in_one_analysis() {
        runner.withPropertyValues("kafkify.max-poll-records=0", "kafkify.shutdown-timeout=soon",
                        "kafkify.max-pol-records=5", "kafkify.ordering=sideways",
                        "kafkify.properties.key.deserializer=org.example.MyDeserializer",
                        "spring.kafka.properties.fetch.min.bytes=lots")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new KafkifyFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription())
                            .contains("7 violations")
                            .contains("  - kafkify.bootstrap-servers (or spring.kafka.bootstrap-servers): ")
                            .contains("  - kafkify.max-poll-records: must be between 1 and 100000, was \"0\"")
                            .contains("  - kafkify.shutdown-timeout: ")
                            .contains("  - kafkify.max-pol-records: is not a Kafkify setting; use one of ")
                            .contains("  - kafkify.ordering: ")
                            .contains("  - kafkify.properties.key.deserializer: is managed by Kafkify")
                            .contains("  - spring.kafka.properties.fetch.min.bytes: ")
                            .doesNotContain("maxPollRecords:");
                    assertThat(analysis.getAction()).contains("docs/configuration.md");
                });
    }

    @Test
    void a_configuration_the_application_builds_is_analysed_too() {
        runner.withBean(KafkaConsumerConfig.class, () -> KafkaConsumerConfig.builder().maxPollRecords(0).build())
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new KafkifyFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("The application's KafkaConsumerConfig is invalid")
                            .contains("  - maxPollRecords: must be between 1 and 100000, was \"0\"");
                    assertThat(analysis.getCause()).isInstanceOf(InvalidConfigurationException.class);
                });
    }

    /** Boot finds the analyzer in META-INF/spring.factories and prints its report, not a stack trace. */
    @Test
    void spring_boot_reports_the_analysis_at_start_up(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(BadApplication.class).web(WebApplicationType.NONE)
                .properties("kafkify.bootstrap-servers=localhost:9092", "kafkify.max-concurrency=0").run())
                .hasRootCauseInstanceOf(InvalidConfigurationException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The kafkify.* properties do not make a valid Kafkify configuration: 1 violation:")
                .contains("  - kafkify.max-concurrency: must be between 1 and 10000, was \"0\"");
    }

    /** An application whose only Kafkify part is the auto-configuration. */
    @SpringBootConfiguration
    @ImportAutoConfiguration(KafkifyAutoConfiguration.class)
    static class BadApplication {
    }
}
