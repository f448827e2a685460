package io.kafkify.consumers.infrastructure.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The constraints settings declare. Every rule but {@link #notNull()} and {@link #notBlank()}
 * passes {@code null}, so that a missing value is reported once.
 */
public final class Rules {

    private static final Pattern HOST_PORT = Pattern.compile(
            "(?:[A-Za-z_]+://)?(\\[[0-9A-Fa-f:.%a-zA-Z]+\\]|[0-9A-Za-z._\\-]+):([0-9]{1,5})");

    private Rules() {
    }

    /**
     * @param <T> the setting's type
     * @return a value must be given
     */
    public static <T> Rule<T> notNull() {
        return value -> value == null ? "must not be null" : null;
    }

    /** @return text must be given and hold something other than white space */
    public static Rule<String> notBlank() {
        return value -> value == null || value.isBlank() ? "must not be blank" : null;
    }

    /** @return as {@link #notBlank()}, for a setting that may be left unset */
    public static Rule<String> notBlankWhenSet() {
        return value -> value != null && value.isBlank() ? "must not be blank when set" : null;
    }

    /** @return a number must be 1 or more */
    public static Rule<Number> positive() {
        return value -> value != null && value.longValue() <= 0 ? "must be greater than 0" : null;
    }

    /** @return a number must be 0 or more */
    public static Rule<Number> notNegative() {
        return value -> value != null && value.longValue() < 0 ? "must not be negative" : null;
    }

    /**
     * @param min the least value
     * @return a number must be {@code min} or more
     */
    public static Rule<Number> atLeast(long min) {
        return value -> value != null && value.longValue() < min ? "must be at least " + min : null;
    }

    /**
     * @param min the least value
     * @param max the greatest value
     * @return a number must be from {@code min} to {@code max}
     */
    public static Rule<Number> between(long min, long max) {
        return value -> value != null && (value.longValue() < min || value.longValue() > max)
                ? "must be between " + min + " and " + max : null;
    }

    /** @return a duration must be longer than zero */
    public static Rule<Duration> positiveDuration() {
        return value -> value != null && (value.isZero() || value.isNegative()) ? "must be greater than 0" : null;
    }

    /** @return a duration must not be negative */
    public static Rule<Duration> notNegativeDuration() {
        return value -> value != null && value.isNegative() ? "must not be negative" : null;
    }

    /**
     * @param accepted the accepted values, in the order the message lists them
     * @return text must be one of them, exactly
     */
    public static Rule<String> oneOf(String... accepted) {
        List<String> values = List.of(accepted);
        return value -> value != null && !values.contains(value) ? "must be one of " + Arrays.toString(accepted) : null;
    }

    /**
     * @param regex what the whole text must match
     * @param rule what the message says it must be
     * @return text must match
     */
    public static Rule<String> matches(String regex, String rule) {
        Pattern pattern = Pattern.compile(regex);
        return value -> value != null && !pattern.matcher(value).matches() ? rule : null;
    }

    /**
     * @return text must be a comma-separated list of {@code host:port} entries; the message names
     *     wrong entries by position, never by content, since the value may be secret
     */
    public static Rule<String> hostPortList() {
        return value -> {
            if (value == null || value.isBlank()) {
                return null;
            }
            List<String> wrong = new ArrayList<>();
            int position = 0;
            for (String entry : value.split(",", -1)) {
                String trimmed = entry.trim();
                if (!trimmed.isEmpty()) {
                    position++;
                    if (!isHostPort(trimmed)) {
                        wrong.add(Integer.toString(position));
                    }
                }
            }
            if (wrong.isEmpty()) {
                return null;
            }
            String which = wrong.size() == 1
                    ? "entry " + wrong.get(0) + " is not"
                    : "entries " + String.join(", ", wrong) + " are not";
            return "must be a comma-separated list of host:port with a port from 1 to 65535 (" + which + ")";
        };
    }

    private static boolean isHostPort(String entry) {
        Matcher matcher = HOST_PORT.matcher(entry);
        if (!matcher.matches()) {
            return false;
        }
        int port = Integer.parseInt(matcher.group(2));
        return port >= 1 && port <= 65_535;
    }
}
