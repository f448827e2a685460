package io.kafkify.consumers.domain.archfixture;

import org.jspecify.nullness.Nullable;

/**
 * Architecture fixture, violation: a domain class whose nullness annotation is not from JSpecify's
 * annotations package.
 */
public final class OrderEventWithOldNullness {

    @Nullable
    private String code;

    @Nullable
    public String code() {
        return code;
    }
}
