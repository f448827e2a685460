package io.kafkify.consumers.domain.archfixture;

/** Architecture fixture, compliant: a domain model type that uses only the JDK. */
public record OrderEvent(String orderId, String code) {
}
