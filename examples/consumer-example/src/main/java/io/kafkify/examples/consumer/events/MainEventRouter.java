package io.kafkify.examples.consumer.events;

import io.kafkify.consumers.router.ConsumerRouter;

/**
 * The application's main router, which aggregates the routers of every domain (the documented
 * example's {@code router.py}). The application registers this one router on its consumer.
 */
public final class MainEventRouter {

    private MainEventRouter() {
    }

    /**
     * @param handled where the handlers report what they did
     * @return a router holding the handlers of every domain
     */
    public static ConsumerRouter create(HandledEvents handled) {
        // tag::main-router[]
        ConsumerRouter main = new ConsumerRouter();
        main.includeRouter(PeopleEvents.router(handled));
        main.includeRouter(PurchaseEvents.router(handled));
        return main;
        // end::main-router[]
    }
}
