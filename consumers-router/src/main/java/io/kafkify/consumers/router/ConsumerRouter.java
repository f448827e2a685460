package io.kafkify.consumers.router;

import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.HandlerRegistry;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gathers handlers, grouped the way an application is (one router per domain), and registers
 * them on a consumer in one call. The Java form of the documented library's router:
 *
 * <pre>{@code
 * ConsumerRouter people = new ConsumerRouter();
 * people.get("people-events", List.of("PERSON_CREATED"), message -> save(message.value()));
 * ConsumerRouter app = new ConsumerRouter();
 * app.includeRouter(people);
 * app.registerHandlers(consumer);
 * }</pre>
 *
 * <p>Duplicates are found as early as possible: registering a second handler for a topic and
 * code (or a second default handler) on a router, or including a router that has one, fails
 * at once, naming both handlers.
 *
 * <p>Threading: not thread-safe; build routers on one thread at start-up.
 */
public final class ConsumerRouter implements HandlerRegistry {

    private final List<HandlerRegistration> registrations = new ArrayList<>();
    private final RoutingTable table = new RoutingTable();

    /** Creates an empty router. */
    public ConsumerRouter() {
    }

    /**
     * Creates a router holding every {@link Handles}-annotated method of the given objects.
     *
     * @param handlerObjects plain objects with annotated methods
     * @return the router
     */
    public static ConsumerRouter ofHandlers(Object... handlerObjects) {
        ConsumerRouter router = new ConsumerRouter();
        for (Object handlers : handlerObjects) {
            router.includeHandlers(handlers);
        }
        return router;
    }

    /**
     * Adds a registration to this router.
     *
     * @param registration the handler and what it takes
     * @throws io.kafkify.consumers.domain.DuplicateHandlerException when this router already
     *     has a handler for the topic and one of the codes, or a default handler for the topic
     */
    @Override
    public void register(HandlerRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        table.register(registration.topic(), registration.codes(), UNUSED, registration.description());
        registrations.add(registration);
    }

    /**
     * Adds every handler of another router to this one, as they are now: handlers added to
     * {@code other} later are not seen. All or nothing: if one of them clashes with a handler
     * of this router, none is added.
     *
     * @param other the router to include
     * @throws io.kafkify.consumers.domain.DuplicateHandlerException naming both handlers
     */
    public void includeRouter(ConsumerRouter other) {
        Objects.requireNonNull(other, "other");
        addAll(other.registrations());
    }

    /**
     * Adds every {@link Handles}-annotated method of a plain object, bound to that object.
     *
     * @param handlers an object with annotated methods
     * @throws io.kafkify.consumers.domain.HandlerRegistrationException when the object has no
     *     annotated method, or an annotated method has a signature that cannot be called
     * @throws io.kafkify.consumers.domain.DuplicateHandlerException naming both handlers
     */
    public void includeHandlers(Object handlers) {
        addAll(AnnotatedHandlers.registrationsOf(handlers));
    }

    /**
     * Registers every handler of this router on a consumer (or on another router), in the
     * order they were added here.
     *
     * @param target the consumer
     * @throws io.kafkify.consumers.domain.DuplicateHandlerException when the consumer already
     *     has a handler for one of the same topics and codes
     */
    public void registerHandlers(HandlerRegistry target) {
        Objects.requireNonNull(target, "target");
        for (HandlerRegistration registration : registrations) {
            target.register(registration);
        }
    }

    /** @return this router's registrations, in the order they were added */
    public List<HandlerRegistration> registrations() {
        return List.copyOf(registrations);
    }

    private void addAll(List<HandlerRegistration> incoming) {
        RoutingTable trial = new RoutingTable();
        for (HandlerRegistration registration : registrations) {
            trial.register(registration.topic(), registration.codes(), UNUSED, registration.description());
        }
        for (HandlerRegistration registration : incoming) {
            trial.register(registration.topic(), registration.codes(), UNUSED, registration.description());
        }
        for (HandlerRegistration registration : incoming) {
            register(registration);
        }
    }

    /** The router's own table only checks for duplicates; it never dispatches. */
    private static final MessageHandler UNUSED = (Message message) -> {
        throw new IllegalStateException("a router's own table never dispatches");
    };
}
