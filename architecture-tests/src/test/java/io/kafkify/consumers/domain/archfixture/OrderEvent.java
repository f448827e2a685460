package io.kafkify.consumers.domain.archfixture;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Architecture fixture, compliant: a domain model type that uses only the JDK and JSpecify's nullness
 * annotations.
 */
@NullMarked
public record OrderEvent(String orderId, @Nullable String code) {
}
