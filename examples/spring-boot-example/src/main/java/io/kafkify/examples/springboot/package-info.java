/**
 * The orders service of the documentation as a Spring Boot application: {@code @Handles} methods on a
 * bean, {@code kafkify.*} properties in {@code application.yml}, the orders on {@code /orders} and the
 * consumer's health on {@code /actuator/health}. With no broker given it starts an embedded one.
 */
@NullMarked
package io.kafkify.examples.springboot;

import org.jspecify.annotations.NullMarked;
