package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValueDecoderTest {

    private final JsonValueDecoder decoder = new JsonValueDecoder();

    @Test
    void decodes_a_json_object_to_a_map() {
        assertThat(decode("{\"code\":\"PERSON_CREATED\",\"id\":42}"))
                .isEqualTo(Map.of("code", "PERSON_CREATED", "id", 42));
    }

    @Test
    void decodes_a_json_array_to_a_list() {
        assertThat(decode(" [1, \"two\"] ")).isEqualTo(List.of(1, "two"));
    }

    @Test
    void decodes_json_scalars_to_java_scalars() {
        assertThat(decode("42")).isEqualTo(42);
        assertThat(decode("-1.5")).isEqualTo(-1.5);
        assertThat(decode("true")).isEqualTo(true);
        assertThat(decode("\"quoted\"")).isEqualTo("quoted");
        assertThat(decode("null")).isNull();
    }

    @Test
    void decodes_utf8_text_that_is_not_json_to_a_string() {
        assertThat(decode("hello, Kafka ✓")).isEqualTo("hello, Kafka ✓");
        assertThat(decode("{not json")).isEqualTo("{not json");
        assertThat(decode("12 apples")).isEqualTo("12 apples");
        assertThat(decode("   ")).isEqualTo("   ");
    }

    @Test
    void decodes_bytes_that_are_not_utf8_to_a_byte_array() {
        byte[] data = {(byte) 0xC3, (byte) 0x28, 0x00, (byte) 0xFF};

        assertThat(decoder.decode(data)).isInstanceOf(byte[].class).isEqualTo(data).isNotSameAs(data);
    }

    @Test
    void decodes_null_and_empty_values_to_null() {
        assertThat(decoder.decode(null)).isNull();
        assertThat(decoder.decode(new byte[0])).isNull();
    }

    private Object decode(String text) {
        return decoder.decode("topic", List.of(), text.getBytes(StandardCharsets.UTF_8));
    }
}
