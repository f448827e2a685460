package io.kafkify.consumers.engine.archfixture;

import org.jspecify.nullness.Nullable;

/**
 * Architecture fixture, violation: an engine class whose nullness annotation is not from JSpecify's
 * annotations package.
 */
public final class EngineWithOldNullness {

    @Nullable
    private Throwable fatal;

    public boolean failed() {
        return fatal != null;
    }
}
