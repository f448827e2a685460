package io.kafkify.consumers.infrastructure.internal.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks {@link HostPortList}. Public only because Hibernate Validator instantiates it.
 *
 * <p>The message names wrong entries by position, never by content: the value may be marked
 * secret, and the violation's {@code was} part, which is masked then, is where values go.
 */
public final class HostPortListValidator implements ConstraintValidator<HostPortList, String> {

    private static final Pattern ENTRY = Pattern.compile(
            "(?:[A-Za-z_]+://)?(\\[[0-9A-Fa-f:.%a-zA-Z]+\\]|[0-9A-Za-z._\\-]+):([0-9]{1,5})");

    private String message = "";

    @Override
    public void initialize(HostPortList constraint) {
        message = constraint.message();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || value.isBlank()) {
            return true;
        }
        String[] entries = value.split(",", -1);
        List<String> wrong = new ArrayList<>();
        int position = 0;
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            position++;
            if (!isHostPort(trimmed)) {
                wrong.add(Integer.toString(position));
            }
        }
        if (wrong.isEmpty()) {
            return true;
        }
        String which = wrong.size() == 1
                ? "entry " + wrong.get(0) + " is not"
                : "entries " + String.join(", ", wrong) + " are not";
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(Templates.escape(message + " (" + which + ")"))
                .addConstraintViolation();
        return false;
    }

    private static boolean isHostPort(String entry) {
        Matcher matcher = ENTRY.matcher(entry);
        if (!matcher.matches()) {
            return false;
        }
        int port = Integer.parseInt(matcher.group(2));
        return port >= 1 && port <= 65_535;
    }
}
