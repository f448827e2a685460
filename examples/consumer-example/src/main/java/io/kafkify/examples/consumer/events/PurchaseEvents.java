package io.kafkify.examples.consumer.events;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.router.ConsumerRouter;
import io.kafkify.consumers.router.Handles;
import java.util.Map;
import java.util.Objects;

/**
 * The purchase domain's handler (the documented example's {@code purchase_event.py}): the
 * default handler of {@code purchase-events}, declared with {@link Handles}, the Java form of the
 * documented library's decorator. It takes every record of the topic, whatever its code, and
 * reads the plain decoded value: a {@code Map} for a JSON object.
 */
public final class PurchaseEvents {

    /** The topic of the purchase domain. */
    public static final String TOPIC = "purchase-events";
    /** The handler's name in the summary. */
    public static final String DEFAULT_HANDLER = "purchase-events (default)";

    private final HandledEvents handled;

    private PurchaseEvents(HandledEvents handled) {
        this.handled = Objects.requireNonNull(handled, "handled");
    }

    /**
     * @param handled where the handler reports what it did
     * @return a router holding the purchase domain's handler
     */
    public static ConsumerRouter router(HandledEvents handled) {
        // tag::purchase-router[]
        return ConsumerRouter.ofHandlers(new PurchaseEvents(handled));
        // end::purchase-router[]
    }

    /**
     * Takes every record of {@code purchase-events}: no codes makes it the topic's default handler.
     *
     * @param message the record
     */
    // tag::purchase-handler[]
    @Handles(topic = TOPIC)
    public void purchase(Message message) {
        String code = message.code() == null ? "no code" : message.code();
        Object order = message.value() instanceof Map<?, ?> value ? value.get("order") : message.value();
        handled.record(DEFAULT_HANDLER, message, code + ": " + order);
    }
    // end::purchase-handler[]
}
