package io.kafkify.consumers.infrastructure.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns the loosely typed values of a {@code Map}, a {@code Properties} file or the environment
 * into the types of the settings. A value that does not convert raises a
 * {@link ConversionException} whose message is the rule, so that the caller reports it as a
 * violation next to every other one instead of failing on the first.
 */
public final class ValueConversions {

    private ValueConversions() {
    }

    /** A value that cannot become the setting's type; the message is the rule it broke. */
    public static final class ConversionException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        ConversionException(String rule) {
            super(rule);
        }
    }

    /**
     * @param value the loose value
     * @return the value as text; {@code null} stays {@code null} for validation to report
     */
    public static String toText(Object value) {
        return value == null ? null : String.valueOf(value).trim();
    }

    /**
     * @param value the loose value
     * @return a comma-separated list: a collection (as a YAML list) is joined with commas
     */
    public static String toCommaSeparated(Object value) {
        if (value instanceof Collection<?> entries) {
            return entries.stream().map(String::valueOf).map(String::trim).collect(Collectors.joining(","));
        }
        return toText(value);
    }

    /**
     * @param value the loose value
     * @return an {@code int} from an integral number or its decimal text
     */
    public static int toInt(Object value) {
        long number = toLong(value);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new ConversionException("must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
        }
        return (int) number;
    }

    /**
     * @param value the loose value
     * @return a {@code long} from an integral number or its decimal text
     */
    public static long toLong(Object value) {
        requireValue(value);
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof CharSequence text) {
            try {
                return Long.parseLong(text.toString().trim());
            } catch (NumberFormatException e) {
                throw new ConversionException("must be an integer");
            }
        }
        throw new ConversionException("must be an integer");
    }

    /**
     * @param value the loose value
     * @return a {@code boolean} from a Boolean or the text {@code true}/{@code false}, any case
     */
    public static boolean toBoolean(Object value) {
        requireValue(value);
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = String.valueOf(value).trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConversionException("must be true or false");
    }

    /**
     * @param value the loose value
     * @return a {@link Duration} from a Duration, an integral number of milliseconds, or text
     *     that is either an ISO-8601 duration ({@code PT30S}) or a number of milliseconds
     */
    public static Duration toDuration(Object value) {
        requireValue(value);
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Duration.ofMillis(((Number) value).longValue());
        }
        String text = String.valueOf(value).trim();
        try {
            return Duration.ofMillis(Long.parseLong(text));
        } catch (NumberFormatException notMillis) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException notIso) {
                throw new ConversionException(
                        "must be an ISO-8601 duration such as PT30S, or a number of milliseconds");
            }
        }
    }

    /**
     * @param <E> the enum
     * @param type the enum's class
     * @param value a constant of it, or its name in any case
     * @return the constant
     */
    public static <E extends Enum<E>> E toEnum(Class<E> type, Object value) {
        requireValue(value);
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        String text = String.valueOf(value).trim().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new ConversionException("must be one of " + Arrays.toString(type.getEnumConstants()));
    }

    private static void requireValue(Object value) {
        if (value == null) {
            throw new ConversionException("must not be null");
        }
    }
}
