/**
 * The engine's implementation: per-partition state, lanes, workers, outcomes and flow rules. No other module
 * uses it; it depends on the engine's ports, never on its facade.
 */
@NullMarked
package io.kafkify.consumers.engine.internal;

import org.jspecify.annotations.NullMarked;
