/**
 * The engine's ports (time and scheduling, observers, dead-letter publishing), which adapters implement,
 * and the values that cross them: raw records in; dead letters, flow control and the engine's state out.
 */
@NullMarked
package io.kafkify.consumers.engine.spi;

import org.jspecify.annotations.NullMarked;
