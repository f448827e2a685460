package io.kafkify.spring.boot;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kafkify.*} (and {@code spring.kafka.*}) properties of the application do not make a
 * valid configuration. {@link KafkifyFailureAnalyzer} turns it into Boot's start-up report.
 */
public final class KafkifyPropertiesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One line per violation, each starting with the Spring property it concerns. */
    private final List<String> violations;

    /**
     * @param violations every violation, one line each, secret values masked
     * @param cause the configuration's own exception, or null when only property names were wrong
     */
    KafkifyPropertiesException(List<String> violations, @Nullable Throwable cause) {
        super(message(violations), cause);
        this.violations = List.copyOf(violations);
    }

    /** @return every violation, one line each, starting with the Spring property it concerns, sorted */
    public List<String> violations() {
        return violations;
    }

    private static String message(List<String> violations) {
        StringBuilder text = new StringBuilder("Invalid Kafkify configuration: ").append(violations.size())
                .append(violations.size() == 1 ? " violation" : " violations").append(':');
        for (String violation : violations) {
            text.append(System.lineSeparator()).append("  - ").append(violation);
        }
        return text.toString();
    }
}
