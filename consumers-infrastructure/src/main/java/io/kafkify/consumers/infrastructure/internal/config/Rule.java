package io.kafkify.consumers.infrastructure.internal.config;

import org.jspecify.annotations.Nullable;

/**
 * One constraint on a setting's value, as a {@link Setting} declares it. {@link Rules} makes the
 * common ones.
 *
 * @param <T> the setting's type
 */
@FunctionalInterface
public interface Rule<T> {

    /**
     * @param value the value, possibly {@code null}
     * @return what the value must be ({@code must be at least 1}) when it breaks the rule, or
     *     {@code null} when it keeps it; never the value itself, which may be secret
     */
    @Nullable String check(@Nullable T value);
}
