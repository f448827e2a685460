/**
 * The embedded broker's implementation: the child JVM's entry point and logging, free ports, its directory
 * and its log. No other module uses it.
 */
@NullMarked
package io.kafkify.consumers.testkit.broker.internal;

import org.jspecify.annotations.NullMarked;
