package io.kafkify.examples.consumer.events;

import io.kafkify.consumers.domain.Payload;
import io.kafkify.consumers.router.ConsumerRouter;
import java.util.List;

/**
 * The people domain's handlers, in a router of their own (the documented example's
 * {@code people_event.py}). Both are typed: Kafkify binds the JSON value to the record and
 * validates it before the handler runs. The first binds the whole envelope ({@code code},
 * {@code data}, {@code timestamp}); the second only the envelope's {@code data}, to
 * {@link PersonChanges}.
 *
 * <p>{@code people-events} has no default handler, so a record with another code (or none) is
 * taken by no handler: Kafkify logs a warning, counts it as unrouted, and commits it.
 */
public final class PeopleEvents {

    /** The topic of the people domain. */
    public static final String TOPIC = "people-events";
    /** The code of {@link PersonCreated} events. */
    public static final String PERSON_CREATED = "PERSON_CREATED";
    /** The code of {@link PersonUpdated} events; the router binds their {@link PersonChanges} data. */
    public static final String PERSON_UPDATED = "PERSON_UPDATED";

    private PeopleEvents() {
    }

    /**
     * @param handled where the handlers report what they did
     * @return a router holding the people domain's handlers
     */
    public static ConsumerRouter router(HandledEvents handled) {
        // tag::people-router[]
        ConsumerRouter people = new ConsumerRouter();
        people.get(TOPIC, List.of(PERSON_CREATED), PersonCreated.class, (event, message) ->
                handled.record(PERSON_CREATED, message,
                        "created " + event.data().name() + " <" + event.data().email() + ">"));
        people.get(TOPIC, List.of(PERSON_UPDATED), Payload.of(PersonChanges.class).at("/data"), (changes, message) ->
                handled.record(PERSON_UPDATED, message, "updated " + changes.describe()));
        return people;
        // end::people-router[]
    }
}
