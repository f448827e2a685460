/**
 * The example application's handlers and the payload types they bind, grouped in routers by topic.
 */
@NullMarked
package io.kafkify.examples.consumer.events;

import org.jspecify.annotations.NullMarked;
