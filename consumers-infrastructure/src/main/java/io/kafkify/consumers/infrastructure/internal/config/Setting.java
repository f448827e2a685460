package io.kafkify.consumers.infrastructure.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one declaration of a typed setting, from which everything else about it follows: its
 * names (the builder's, Kafka's, the {@code kafkify.} property and the {@code KAFKIFY_}
 * variable), its type and default, how a loose value converts, its constraints, and its row in
 * the documentation. Kafka's {@code ConfigDef} and Decaton's {@code PropertyDefinition} are the
 * models.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    /** What starts every setting's {@code kafkify.} property name. */
    public static final String KAFKIFY_PREFIX = "kafkify.";
    /** What starts every setting's environment variable. */
    public static final String ENV_PREFIX = "KAFKIFY_";

    /** Where a setting is documented: each group is one table of docs/configuration.md. */
    public enum Group {
        /** Settings with a Kafka counterpart, passed to the {@code KafkaConsumer}. */
        KAFKA,
        /** The processing engine's settings. */
        RUNTIME,
        /** Retries and the failure policy. */
        FAILURES
    }

    private final String javaName;
    private final @Nullable String kafkaName;
    private final String kafkifyName;
    private final String envName;
    private final Group group;
    private final Class<T> type;
    private final @Nullable T defaultValue;
    private final Function<Object, T> conversion;
    private final List<Rule<? super T>> rules;
    private final String defaultText;
    private final String ruleText;

    private Setting(Builder<T> builder) {
        this.javaName = builder.javaName;
        this.kafkaName = builder.kafkaName;
        this.group = builder.group;
        this.type = builder.type;
        this.defaultValue = builder.defaultValue;
        this.conversion = builder.conversion;
        this.rules = List.copyOf(builder.rules);
        this.defaultText = builder.defaultText != null ? builder.defaultText : "`" + builder.defaultValue + "`";
        this.ruleText = builder.ruleText;
        String words = javaName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        this.kafkifyName = KAFKIFY_PREFIX + words;
        this.envName = ENV_PREFIX + words.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * Starts a declaration.
     *
     * @param <T> the value's type
     * @param javaName the builder's name, e.g. {@code maxPollRecords}
     * @param type the value's type (boxed for primitives)
     * @param conversion turns a loose value (text, a number) into the type, throwing
     *     {@link ValueConversions.ConversionException} when it cannot
     * @return the declaration's builder
     */
    public static <T> Builder<T> define(String javaName, Class<T> type, Function<Object, T> conversion) {
        return new Builder<>(javaName, type, conversion);
    }

    /** @return the builder's name, e.g. {@code maxPollRecords} */
    public String javaName() {
        return javaName;
    }

    /** @return Kafka's name, e.g. {@code max.poll.records}, or {@code null} for Kafkify's own settings */
    public @Nullable String kafkaName() {
        return kafkaName;
    }

    /** @return the {@code kafkify.} name, e.g. {@code kafkify.max-poll-records} */
    public String kafkifyName() {
        return kafkifyName;
    }

    /** @return the environment variable, e.g. {@code KAFKIFY_MAX_POLL_RECORDS} */
    public String envName() {
        return envName;
    }

    /** @return every name the setting is known by */
    public List<String> names() {
        return kafkaName == null
                ? List.of(javaName, kafkifyName, envName)
                : List.of(javaName, kafkaName, kafkifyName, envName);
    }

    /** @return the value's type (boxed for primitives) */
    public Class<T> type() {
        return type;
    }

    /** @return the documentation table it belongs to */
    public Group group() {
        return group;
    }

    /** @return the default, or {@code null} when the setting is unset by default */
    public @Nullable T defaultValue() {
        return defaultValue;
    }

    /**
     * @param value a loose value
     * @return it in the setting's type
     * @throws ValueConversions.ConversionException naming the rule when it does not convert
     */
    public T convert(@Nullable Object value) {
        return conversion.apply(value);
    }

    /**
     * @param values settings by declaration
     * @return this setting's value among them
     */
    public @Nullable T from(Map<Setting<?>, Object> values) {
        return type.cast(values.get(this));
    }

    /**
     * @param value a value of the setting
     * @return a violation for each rule it breaks, in declaration order
     */
    public List<Violation> violations(@Nullable Object value) {
        T typed = type.cast(value);
        List<Violation> broken = new ArrayList<>();
        for (Rule<? super T> rule : rules) {
            String message = rule.check(typed);
            if (message != null) {
                broken.add(new Violation(javaName, typed == null && defaultValue == null ? message + whereToSet() : message,
                        value));
            }
        }
        return broken;
    }

    /** @return for a required setting left unset: every name it can be given under, the operators' variable included */
    private String whereToSet() {
        return "; set it with " + javaName + "(...), the property " + (kafkaName != null ? kafkaName : kafkifyName)
                + " or the environment variable " + envName;
    }

    /** @return the setting's row in its table of docs/configuration.md */
    public String documentationRow() {
        StringBuilder row = new StringBuilder("| `").append(javaName).append("` | ");
        if (group == Group.KAFKA) {
            row.append('`').append(kafkaName).append("` | ");
        }
        row.append('`').append(kafkifyName).append("` | `").append(envName).append("` | ")
                .append(defaultText).append(ruleText.isEmpty() ? " | |" : " | " + ruleText + " |");
        return row.toString();
    }

    @Override
    public String toString() {
        return javaName;
    }

    /**
     * A declaration under way.
     *
     * @param <T> the value's type
     */
    public static final class Builder<T> {

        private final String javaName;
        private final Class<T> type;
        private final Function<Object, T> conversion;
        private final List<Rule<? super T>> rules = new ArrayList<>();
        private @Nullable String kafkaName;
        private Group group = Group.RUNTIME;
        private @Nullable T defaultValue;
        private @Nullable String defaultText;
        private String ruleText = "";

        private Builder(String javaName, Class<T> type, Function<Object, T> conversion) {
            this.javaName = javaName;
            this.type = type;
            this.conversion = conversion;
        }

        /**
         * @param name Kafka's name of the setting; it then goes to the {@code KafkaConsumer}
         * @return this builder
         */
        public Builder<T> kafka(String name) {
            this.kafkaName = name;
            this.group = Group.KAFKA;
            return this;
        }

        /**
         * @param value the table it is documented in
         * @return this builder
         */
        public Builder<T> group(Group value) {
            this.group = value;
            return this;
        }

        /**
         * @param value the default
         * @param text how the documentation shows it, or {@code null} for the value in code font
         * @return this builder
         */
        public Builder<T> byDefault(@Nullable T value, @Nullable String text) {
            this.defaultValue = value;
            this.defaultText = text;
            return this;
        }

        /**
         * @param text the rule as the documentation states it
         * @param constraints the constraints, checked in this order
         * @return this builder
         */
        @SafeVarargs
        public final Builder<T> rules(String text, Rule<? super T>... constraints) {
            this.ruleText = text;
            this.rules.addAll(List.of(constraints));
            return this;
        }

        /** @return the declaration */
        public Setting<T> build() {
            return new Setting<>(this);
        }
    }
}
