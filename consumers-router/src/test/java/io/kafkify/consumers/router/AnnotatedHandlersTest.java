package io.kafkify.consumers.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.DuplicateHandlerException;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.HandlerRegistrationException;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.Payload;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotatedHandlersTest {

    static final class PeopleHandlers {
        final List<String> calls = new ArrayList<>();

        @Handles(topic = "people", codes = "CREATED")
        void created(Message message) {
            calls.add("created " + message.offset());
        }

        @Handles(topic = "people", codes = {"UPDATED", "RENAMED"})
        void updated(String payload, Message message) {
            calls.add("updated " + payload);
        }

        @Handles(topic = "people")
        void anything(String payload) throws IOException {
            throw new IOException("disk full");
        }

        void notAHandler(Message message) {
            calls.add("never");
        }
    }

    @Test
    void registers_every_annotated_method_with_its_topic_and_codes() {
        ConsumerRouter router = ConsumerRouter.ofHandlers(new PeopleHandlers());

        assertThat(router.registrations())
                .extracting(HandlerRegistration::topic, HandlerRegistration::codes)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("people", List.of("CREATED")),
                        org.assertj.core.groups.Tuple.tuple("people", List.of("UPDATED", "RENAMED")),
                        org.assertj.core.groups.Tuple.tuple("people", List.of()));
    }

    @Test
    void calls_a_message_method_with_the_message() throws Exception {
        PeopleHandlers handlers = new PeopleHandlers();
        HandlerRegistration.Plain created = (HandlerRegistration.Plain) registration(handlers, List.of("CREATED"));

        created.handler().handle(message("x"));

        assertThat(handlers.calls).containsExactly("created 7");
    }

    @Test
    void calls_a_payload_method_with_the_bound_payload() throws Exception {
        PeopleHandlers handlers = new PeopleHandlers();
        HandlerRegistration.Typed<?> updated = (HandlerRegistration.Typed<?>) registration(handlers,
                List.of("UPDATED", "RENAMED"));

        updated.bindWith(new StringBinder()).handle(message("Ada"));

        assertThat(updated.payloadType()).isEqualTo(String.class);
        assertThat(handlers.calls).containsExactly("updated Ada");
    }

    @Test
    void rethrows_what_the_method_throws() {
        HandlerRegistration.Typed<?> anything = (HandlerRegistration.Typed<?>) registration(new PeopleHandlers(),
                List.of());

        assertThatThrownBy(() -> anything.bindWith(new StringBinder()).handle(message("x")))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");
    }

    @Test
    void names_the_method_in_its_description() {
        assertThat(registration(new PeopleHandlers(), List.of("CREATED")).description())
                .isEqualTo("method " + PeopleHandlers.class.getName() + ".created(Message)");
    }

    @Test
    void rejects_a_method_with_too_many_parameters() {
        Object handlers = new Object() {
            @Handles(topic = "people")
            void handle(String a, String b, Message message) {
            }
        };

        assertThatThrownBy(() -> ConsumerRouter.ofHandlers(handlers))
                .isInstanceOf(HandlerRegistrationException.class)
                .hasMessageContaining("takes 3 parameters")
                .hasMessageContaining("(Message), (Payload) or (Payload, Message)");
    }

    @Test
    void rejects_a_method_without_parameters() {
        Object handlers = new Object() {
            @Handles(topic = "people")
            void handle() {
            }
        };

        assertThatThrownBy(() -> ConsumerRouter.ofHandlers(handlers))
                .isInstanceOf(HandlerRegistrationException.class)
                .hasMessageContaining("takes 0 parameters");
    }

    @Test
    void rejects_a_method_whose_second_parameter_is_not_the_message() {
        Object handlers = new Object() {
            @Handles(topic = "people")
            void handle(String payload, Integer other) {
            }
        };

        assertThatThrownBy(() -> ConsumerRouter.ofHandlers(handlers))
                .isInstanceOf(HandlerRegistrationException.class)
                .hasMessageContaining("takes 2 parameters");
    }

    @Test
    void rejects_a_primitive_payload() {
        Object handlers = new Object() {
            @Handles(topic = "people")
            void handle(int payload) {
            }
        };

        assertThatThrownBy(() -> ConsumerRouter.ofHandlers(handlers))
                .isInstanceOf(HandlerRegistrationException.class)
                .hasMessageContaining("primitive payload int");
    }

    @Test
    void rejects_an_object_without_annotated_methods() {
        assertThatThrownBy(() -> ConsumerRouter.ofHandlers(new Object()))
                .isInstanceOf(HandlerRegistrationException.class)
                .hasMessageContaining("found none");
    }

    @Test
    void rejects_two_annotated_methods_for_the_same_code() {
        Object handlers = new Object() {
            @Handles(topic = "people", codes = "CREATED")
            void first(Message message) {
            }

            @Handles(topic = "people", codes = "CREATED")
            void second(Message message) {
            }
        };

        assertThatThrownBy(() -> ConsumerRouter.ofHandlers(handlers))
                .isInstanceOf(DuplicateHandlerException.class)
                .hasMessageContaining(".first(Message)")
                .hasMessageContaining(".second(Message)");
    }

    @Test
    void binds_the_part_and_strictness_the_annotation_names() {
        Object handlers = new Object() {
            // tag::handles-part[]
            @Handles(topic = "people", codes = "CREATED", part = "/data", strictness = Payload.Strictness.STRICT)
            void created(String data) {
            }
            // end::handles-part[]

            @Handles(topic = "people")
            void anything(String whole, Message message) {
            }
        };

        HandlerRegistration.Typed<?> created = (HandlerRegistration.Typed<?>) registration(handlers, List.of("CREATED"));
        HandlerRegistration.Typed<?> anything = (HandlerRegistration.Typed<?>) registration(handlers, List.of());

        assertThat(created.payload()).isEqualTo(new Payload<>(String.class, "/data", Payload.Strictness.STRICT));
        assertThat(anything.payload()).isEqualTo(Payload.of(String.class));
    }

    @Test
    void rejects_a_part_that_is_not_a_json_pointer() {
        Object handlers = new Object() {
            @Handles(topic = "people", part = "data")
            void handle(String data) {
            }
        };

        assertThatThrownBy(() -> ConsumerRouter.ofHandlers(handlers))
                .isInstanceOf(HandlerRegistrationException.class)
                .hasMessageContaining(".handle(String)")
                .hasMessageContaining("starts with '/'");
    }

    @Test
    void rejects_a_part_or_strictness_on_a_message_method() {
        Object partOnMessage = new Object() {
            @Handles(topic = "people", part = "/data")
            void handle(Message message) {
            }
        };
        Object strictOnMessage = new Object() {
            @Handles(topic = "people", strictness = Payload.Strictness.TOLERANT)
            void handle(Message message) {
            }
        };

        assertThatThrownBy(() -> ConsumerRouter.ofHandlers(partOnMessage))
                .isInstanceOf(HandlerRegistrationException.class)
                .hasMessageContaining("typed payload only");
        assertThatThrownBy(() -> ConsumerRouter.ofHandlers(strictOnMessage))
                .isInstanceOf(HandlerRegistrationException.class)
                .hasMessageContaining("typed payload only");
    }

    private static HandlerRegistration registration(Object handlers, List<String> codes) {
        return ConsumerRouter.ofHandlers(handlers).registrations().stream()
                .filter(registration -> registration.codes().equals(codes))
                .findFirst()
                .orElseThrow();
    }

    private static Message message(String value) {
        return new Message("people", 0, 7, Instant.EPOCH, null, null, value, null);
    }

    private static final class StringBinder implements io.kafkify.consumers.domain.PayloadBinder {
        @Override
        public <T> T bind(Message message, Class<T> type) {
            return type.cast(message.value());
        }
    }
}
