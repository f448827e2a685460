package io.kafkify.consumers.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.DuplicateHandlerException;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.HandlerRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerRouterTest {

    /** A registry that only records what it is given: the in-memory fake of a consumer. */
    private static final class RecordingRegistry implements HandlerRegistry {
        final List<HandlerRegistration> registrations = new ArrayList<>();

        @Override
        public void register(HandlerRegistration registration) {
            registrations.add(registration);
        }
    }

    @Test
    void registers_its_handlers_on_a_consumer_in_order() {
        ConsumerRouter router = new ConsumerRouter();
        router.get("people", "CREATED", message -> { });
        router.get("people", List.of("UPDATED", "RENAMED"), message -> { });
        router.get("purchases", message -> { });
        RecordingRegistry consumer = new RecordingRegistry();

        router.registerHandlers(consumer);

        assertThat(consumer.registrations).extracting(HandlerRegistration::topic, HandlerRegistration::codes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("people", List.of("CREATED")),
                        org.assertj.core.groups.Tuple.tuple("people", List.of("UPDATED", "RENAMED")),
                        org.assertj.core.groups.Tuple.tuple("purchases", List.of()));
    }

    @Test
    void includes_the_handlers_of_nested_routers() {
        ConsumerRouter created = new ConsumerRouter();
        created.get("people", "CREATED", message -> { });
        ConsumerRouter people = new ConsumerRouter();
        people.includeRouter(created);
        people.get("people", "UPDATED", message -> { });
        ConsumerRouter app = new ConsumerRouter();
        app.includeRouter(people);
        app.get("purchases", message -> { });
        RecordingRegistry consumer = new RecordingRegistry();

        app.registerHandlers(consumer);

        assertThat(consumer.registrations).extracting(HandlerRegistration::codes)
                .containsExactly(List.of("CREATED"), List.of("UPDATED"), List.of());
    }

    @Test
    void rejects_a_duplicate_code_on_one_router_naming_both_handlers() {
        ConsumerRouter router = new ConsumerRouter();
        router.get("people", "CREATED", message -> { });

        assertThatThrownBy(() -> router.get("people", List.of("CREATED"), message -> { }))
                .isInstanceOf(DuplicateHandlerException.class)
                .hasMessageMatching("(?s).*already has a handler for code \"CREATED\": lambda registered at "
                        + "ConsumerRouterTest.java:\\d+.*Cannot also register lambda registered at "
                        + "ConsumerRouterTest.java:\\d+.*");
    }

    @Test
    void rejects_including_a_router_that_duplicates_a_handler_and_adds_nothing() {
        ConsumerRouter people = new ConsumerRouter();
        people.get("people", "UPDATED", message -> { });
        people.get("people", "CREATED", message -> { });
        ConsumerRouter app = new ConsumerRouter();
        app.get("people", "CREATED", message -> { });

        assertThatThrownBy(() -> app.includeRouter(people))
                .isInstanceOf(DuplicateHandlerException.class)
                .hasMessageContaining("\"CREATED\"");
        assertThat(app.registrations()).hasSize(1);
    }

    @Test
    void rejects_duplicates_between_two_included_routers() {
        ConsumerRouter first = new ConsumerRouter();
        first.get("purchases", message -> { });
        ConsumerRouter second = new ConsumerRouter();
        second.get("purchases", message -> { });
        ConsumerRouter app = new ConsumerRouter();
        app.includeRouter(first);

        assertThatThrownBy(() -> app.includeRouter(second))
                .isInstanceOf(DuplicateHandlerException.class)
                .hasMessageContaining("already has a default handler");
    }

    @Test
    void includes_a_router_as_it_was_when_included() {
        ConsumerRouter people = new ConsumerRouter();
        people.get("people", "CREATED", message -> { });
        ConsumerRouter app = new ConsumerRouter();
        app.includeRouter(people);

        people.get("people", "UPDATED", message -> { });

        assertThat(app.registrations()).hasSize(1);
    }

    @Test
    void registers_typed_handlers_with_their_payload_type() {
        ConsumerRouter router = new ConsumerRouter();
        router.get("people", List.of("CREATED"), String.class, (payload, message) -> { });

        HandlerRegistration registration = router.registrations().get(0);

        assertThat(registration).isInstanceOf(HandlerRegistration.Typed.class);
        assertThat(((HandlerRegistration.Typed<?>) registration).payloadType()).isEqualTo(String.class);
    }
}
