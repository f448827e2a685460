package io.kafkify.consumers.domain;

import java.util.List;
import java.util.Objects;

/**
 * Thrown when a configuration is built with one or more invalid properties. The message lists
 * every violation, one per line, as {@code property: rule, was "value"}; secret values are
 * masked.
 */
public final class InvalidConfigurationException extends KafkifyException {

    private static final long serialVersionUID = 1L;

    /** Every violation, one line each, masked. */
    private final List<String> violations;

    /**
     * @param subject what was being configured, e.g. {@code KafkaConsumerConfig}
     * @param violations every violation, already masked, one line each
     */
    public InvalidConfigurationException(String subject, List<String> violations) {
        super(format(subject, violations));
        this.violations = List.copyOf(violations);
    }

    /** @return every violation, one line each, in a stable order */
    public List<String> violations() {
        return violations;
    }

    private static String format(String subject, List<String> violations) {
        Objects.requireNonNull(subject, "subject");
        StringBuilder text = new StringBuilder()
                .append("Invalid ").append(subject).append(": ")
                .append(violations.size()).append(violations.size() == 1 ? " violation" : " violations")
                .append(". Fix these properties and build it again:");
        for (String violation : violations) {
            text.append(System.lineSeparator()).append("  - ").append(violation);
        }
        return text.toString();
    }
}
