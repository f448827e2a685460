package io.kafkify.consumers.infrastructure.internal.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * One broken rule of a configuration, kept raw until the whole configuration is known, so that a
 * property marked secret after the violation was found is still masked when it is rendered.
 *
 * @param property the property as the user knows it: a builder setting or a Kafka property name
 * @param rule what the value must be, e.g. {@code must be at least 1}; never contains the value
 * @param value the rejected value, possibly {@code null}
 */
public record Violation(String property, String rule, Object value) {

    /** Sorts by property name, then by rule, so that messages are stable. */
    public static final Comparator<Violation> BY_PROPERTY =
            Comparator.comparing(Violation::property).thenComparing(Violation::rule);

    /**
     * Checks its arguments.
     *
     * @param property the property, not {@code null}
     * @param rule the rule, not {@code null}
     * @param value the rejected value, possibly {@code null}
     */
    public Violation {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * @param secret whether the value must not be shown
     * @return {@code property: rule, was "value"}, with {@code [hidden]} for a secret value
     */
    public String render(boolean secret) {
        if (!secret) {
            return property + ": " + rule + ", was " + quoted(value);
        }
        // Rules never quote values; this is a safety net, skipped for values too short to matter
        // and so common that replacing them would garble the rule ("between 1 and 100").
        String text = value == null ? "" : SecretProperties.display(value);
        String safeRule = text.length() < 4 ? rule : rule.replace(text, SecretProperties.MASK);
        return property + ": " + safeRule + ", was " + SecretProperties.MASK;
    }

    private static String quoted(Object value) {
        return value == null ? "null" : "\"" + SecretProperties.display(value) + "\"";
    }
}
