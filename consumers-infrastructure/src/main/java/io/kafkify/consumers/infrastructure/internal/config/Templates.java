package io.kafkify.consumers.infrastructure.internal.config;

/** Makes literal text safe to pass as a Bean Validation message template. */
final class Templates {

    private Templates() {
    }

    static String escape(String literal) {
        StringBuilder escaped = new StringBuilder(literal.length());
        for (char c : literal.toCharArray()) {
            if (c == '{' || c == '}' || c == '$' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
