/**
 * The application core's facade: {@link io.kafkify.consumers.engine.ProcessingEngine}, which every adapter drives
 * (records of a poll in; offsets to commit, partitions to pause and the state out), and
 * {@link io.kafkify.consumers.engine.SystemScheduler}, the production clock behind its scheduling port.
 */
@NullMarked
package io.kafkify.consumers.engine;

import org.jspecify.annotations.NullMarked;
