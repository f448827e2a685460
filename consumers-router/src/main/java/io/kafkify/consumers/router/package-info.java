/**
 * Routing, between the domain and the engine: {@link io.kafkify.consumers.router.ConsumerRouter} gathers handlers
 * (by call or by {@link io.kafkify.consumers.router.Handles}), and {@link io.kafkify.consumers.router.RoutingTable}
 * decides which one takes a record, by topic and code. It never touches Kafka.
 */
@NullMarked
package io.kafkify.consumers.router;

import org.jspecify.annotations.NullMarked;
