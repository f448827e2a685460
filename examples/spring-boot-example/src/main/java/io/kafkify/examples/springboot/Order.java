package io.kafkify.examples.springboot;

import java.math.BigDecimal;

/**
 * An order, as the {@code data} of an {@code ORDER_PLACED} event.
 *
 * @param id the order's id
 * @param customer who placed it
 * @param amount what it costs
 */
public record Order(String id, String customer, BigDecimal amount) {
}
