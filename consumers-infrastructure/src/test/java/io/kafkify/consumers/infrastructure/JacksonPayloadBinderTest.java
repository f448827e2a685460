package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.PayloadException;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonPayloadBinderTest {

    record PersonCreated(String code, int id, @NotBlank String name, @Email String email) {
    }

    record Plain(int id) {
    }

    private final JacksonPayloadBinder binder = new JacksonPayloadBinder();

    @Test
    void binds_a_json_object_to_a_record() {
        PersonCreated person = binder.bind(message(Map.of("code", "PERSON_CREATED", "id", 42, "name", "Ada",
                "email", "ada@example.org")), PersonCreated.class);

        assertThat(person).isEqualTo(new PersonCreated("PERSON_CREATED", 42, "Ada", "ada@example.org"));
    }

    @Test
    void rejects_a_payload_that_violates_constraints_naming_every_property() {
        assertThatThrownBy(() -> binder.bind(message(Map.of("id", 1, "name", " ", "email", "not-an-email")),
                PersonCreated.class))
                .isInstanceOf(PayloadException.class)
                .hasMessage("PersonCreated is invalid: email: must be a well-formed email address; "
                        + "name: must not be blank");
    }

    @Test
    void rejects_a_value_of_the_wrong_json_type() {
        assertThatThrownBy(() -> binder.bind(message(Map.of("id", "forty-two")), Plain.class))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("Cannot bind the value at people-0@5 to Plain");
    }

    @Test
    void rejects_values_that_are_not_json_saying_what_was_found() {
        assertThatThrownBy(() -> binder.bind(message("plain text"), Plain.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("text that is not JSON");
        assertThatThrownBy(() -> binder.bind(message(new byte[] {(byte) 0xFF}), Plain.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("1 bytes that are not UTF-8 text");
        assertThatThrownBy(() -> binder.bind(message(null), Plain.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("no value");
    }

    @Test
    void binds_a_json_array_to_a_list_type() {
        assertThat(binder.bind(message(List.of(1, 2)), List.class)).isEqualTo(List.of(1, 2));
    }

    private static Message message(Object value) {
        return new Message("people", 0, 5, Instant.EPOCH, null, null, value, Message.codeOf(value));
    }
}
