package io.kafkify.consumers.router.archfixture;

import org.jspecify.nullness.Nullable;

/**
 * Architecture fixture, violation: a router class whose nullness annotation is not from JSpecify's
 * annotations package.
 */
public final class RoutingWithOldNullness {

    public String route(@Nullable String code) {
        return code == null ? "default" : code;
    }
}
