package io.kafkify.consumers.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void reads_the_code_of_a_json_object_with_a_string_code_field() {
        assertThat(Message.codeOf(Map.of("code", "PERSON_CREATED", "id", 42))).isEqualTo("PERSON_CREATED");
    }

    @Test
    void finds_no_code_in_an_object_without_a_code_field() {
        assertThat(Message.codeOf(Map.of("id", 42))).isNull();
    }

    @Test
    void finds_no_code_when_the_code_field_is_not_a_string() {
        assertThat(Message.codeOf(Map.of("code", 7))).isNull();
        assertThat(Message.codeOf(Map.of("code", List.of("A")))).isNull();
        assertThat(Message.codeOf(Map.of("code", Map.of("name", "A")))).isNull();
    }

    @Test
    void finds_no_code_in_a_value_that_is_not_an_object() {
        assertThat(Message.codeOf(List.of(Map.of("code", "A")))).isNull();
        assertThat(Message.codeOf("{\"code\":\"A\"}")).isNull();
        assertThat(Message.codeOf(42)).isNull();
        assertThat(Message.codeOf(new byte[] {1, 2})).isNull();
        assertThat(Message.codeOf(null)).isNull();
    }

    @Test
    void keeps_headers_in_order_with_repeated_keys_and_null_values() {
        List<MessageHeader> headers = new ArrayList<>();
        headers.add(MessageHeader.of("trace", "a"));
        headers.add(new MessageHeader("empty", null));
        headers.add(MessageHeader.of("trace", "b"));
        Message message = new Message("t", 0, 1, Instant.EPOCH, null, headers, null, null);
        headers.clear();

        assertThat(message.headers()).extracting(MessageHeader::key).containsExactly("trace", "empty", "trace");
        assertThat(message.lastHeader("trace")).map(MessageHeader::valueAsString).contains("b");
        assertThat(message.lastHeader("empty")).map(MessageHeader::value).isEmpty();
        assertThat(message.lastHeader("missing")).isEmpty();
    }

    @Test
    void names_a_record_by_its_coordinates() {
        Message message = new Message("people-events", 3, 42, Instant.EPOCH, null, null, null, null);
        assertThat(message.coordinates()).isEqualTo("people-events-3@42");
    }
}
