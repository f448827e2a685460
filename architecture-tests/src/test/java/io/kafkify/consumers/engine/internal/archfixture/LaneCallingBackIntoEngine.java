package io.kafkify.consumers.engine.internal.archfixture;

import io.kafkify.consumers.engine.archfixture.OrderEngine;

/**
 * Architecture fixture, violation: engine internals calling back into the facade that uses them,
 * which closes a cycle between the engine's public package and its internal package.
 */
public final class LaneCallingBackIntoEngine {

    public void runAllOf(OrderEngine engine) {
        engine.runAll();
    }
}
