package io.kafkify.examples.springboot;

/**
 * The value of a record of the {@code orders} topic: {@code {"code": "ORDER_PLACED", "data": {...}}}.
 * Bound as a tolerant reader: the {@code code} and any field a producer adds are ignored.
 *
 * @param data the order
 */
public record OrderEvent(Order data) {
}
