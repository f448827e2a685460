package io.kafkify.consumers.engine;

/** Lets tests outside this package check the engine's own invariants. */
public final class EngineInternals {

    private EngineInternals() {
    }

    /** @param engine the engine whose invariants must hold now; throws {@link IllegalStateException} when broken */
    public static void checkInvariants(ProcessingEngine engine) {
        engine.core().checkInvariants();
    }
}
