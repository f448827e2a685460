package io.kafkify.consumers.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerRegistrationTest {

    private final List<HandlerRegistration> registered = new ArrayList<>();
    private final HandlerRegistry registry = registered::add;

    @Test
    void treats_one_code_and_a_list_of_one_code_the_same() {
        registry.get("t", "A", message -> { });
        registry.get("t", List.of("A"), message -> { });

        assertThat(registered).extracting(HandlerRegistration::codes).containsExactly(List.of("A"), List.of("A"));
    }

    @Test
    void registers_a_handler_without_codes_as_the_default_handler() {
        registry.get("t", message -> { });

        assertThat(registered.get(0).isDefault()).isTrue();
    }

    @Test
    void drops_repeated_codes_of_one_registration() {
        registry.get("t", List.of("A", "B", "A"), message -> { });

        assertThat(registered.get(0).codes()).containsExactly("A", "B");
    }

    @Test
    void rejects_a_blank_topic() {
        assertThatThrownBy(() -> registry.get(" ", message -> { }))
                .isInstanceOf(HandlerRegistrationException.class)
                .hasMessageContaining("needs a topic");
    }

    @Test
    void rejects_an_empty_code_list_pointing_at_the_default_handler() {
        assertThatThrownBy(() -> registry.get("t", List.of(), message -> { }))
                .isInstanceOf(HandlerRegistrationException.class)
                .hasMessageContaining("get(topic, handler)");
    }

    @Test
    void rejects_blank_and_null_codes() {
        assertThatThrownBy(() -> registry.get("t", "", message -> { }))
                .isInstanceOf(HandlerRegistrationException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> registry.get("t", Arrays.asList("A", null), message -> { }))
                .isInstanceOf(HandlerRegistrationException.class).hasMessageContaining("null");
    }

    @Test
    void names_a_lambda_after_the_line_that_registered_it() {
        registry.get("t", message -> { });

        assertThat(registered.get(0).description())
                .startsWith("lambda registered at HandlerRegistrationTest.java:")
                .contains("names_a_lambda_after_the_line_that_registered_it");
    }

    @Test
    void typed_registration_binds_before_calling_the_handler() throws Exception {
        List<Object> seen = new ArrayList<>();
        registry.get("t", "A", Integer.class, (payload, message) -> seen.add(payload));
        HandlerRegistration.Typed<?> typed = (HandlerRegistration.Typed<?>) registered.get(0);
        PayloadBinder binder = new PayloadBinder() {
            @Override
            public <T> T bind(Message message, Class<T> type) {
                return type.cast(((String) message.value()).length());
            }
        };

        typed.bindWith(binder).handle(new Message("t", 0, 0, java.time.Instant.EPOCH, null, null, "four", "A"));

        assertThat(seen).containsExactly(4);
    }
}
