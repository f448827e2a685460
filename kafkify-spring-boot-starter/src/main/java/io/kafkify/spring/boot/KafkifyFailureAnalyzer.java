package io.kafkify.spring.boot;

import io.kafkify.consumers.domain.InvalidConfigurationException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Reports an invalid Kafkify configuration at start-up as one list of every violation, each named by
 * its property, in place of a stack trace: the starter's {@link KafkifyPropertiesException}, and the
 * {@link InvalidConfigurationException} of a configuration the application builds itself.
 * Registered in {@code META-INF/spring.factories}.
 */
public final class KafkifyFailureAnalyzer implements FailureAnalyzer {

    /** Creates the analyzer; Boot does, from {@code META-INF/spring.factories}. */
    public KafkifyFailureAnalyzer() {
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KafkifyPropertiesException invalid) {
                return analysis("The kafkify.* properties do not make a valid Kafkify configuration",
                        invalid.violations(), "Fix these properties (application.properties or .yml, or the"
                                + " environment: KAFKIFY_MAX_POLL_RECORDS is kafkify.max-poll-records). Every setting,"
                                + " its default and its rule are in Kafkify's docs/configuration.md.", invalid);
            }
            if (cause instanceof InvalidConfigurationException invalid) {
                return analysis("The application's KafkaConsumerConfig is invalid", invalid.violations(),
                        "Fix these settings where the application builds its KafkaConsumerConfig.", invalid);
            }
        }
        return null;
    }

    private static FailureAnalysis analysis(String subject, List<String> violations, String action, Throwable cause) {
        StringBuilder description = new StringBuilder(subject).append(": ").append(violations.size())
                .append(violations.size() == 1 ? " violation" : " violations").append(':');
        for (String violation : violations) {
            description.append(System.lineSeparator()).append("  - ").append(violation);
        }
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
