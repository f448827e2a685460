package io.kafkify.consumers.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.MessageHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static final byte[] NOT_UTF8 = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3};

    @Test
    void prints_key_value_and_headers_as_text_when_they_are_utf8() {
        DeadLetter letter = deadLetter(utf8("42"), utf8("{\"code\":\"PERSON_CREATED\"}"),
                List.of(MessageHeader.of("trace-id", "abc")));

        assertThat(letter.toString()).isEqualTo("DeadLetter[topic=people-events.DLT, original=people-events-1@7,"
                + " attempts=3, reason=\"java.lang.IllegalStateException: boom\", key=\"42\","
                + " value=\"{\"code\":\"PERSON_CREATED\"}\", headers=[trace-id=\"abc\","
                + " kafkify-dlt-original-topic=\"people-events\", kafkify-dlt-original-partition=\"1\","
                + " kafkify-dlt-original-offset=\"7\", kafkify-dlt-original-timestamp=\"0\","
                + " kafkify-dlt-exception-class=\"java.lang.IllegalStateException\","
                + " kafkify-dlt-exception-message=\"boom\", kafkify-dlt-attempts=\"3\"]]");
    }

    @Test
    void prints_bytes_that_are_not_utf8_as_a_byte_count() {
        DeadLetter letter = deadLetter(NOT_UTF8, utf8("{}"), List.of(new MessageHeader("checksum", NOT_UTF8)));

        assertThat(letter.toString())
                .contains("key=(4 bytes, not UTF-8 text)")
                .contains("checksum=(4 bytes, not UTF-8 text)")
                .doesNotContain("\uFFFD");
    }

    @Test
    void prints_valid_utf8_that_holds_control_characters_as_a_byte_count() {
        byte[] protobufLike = {0x08, 0x2a, 0x12, 0x03, 'a', 'd', 'a'};
        DeadLetter letter = deadLetter(utf8("42"), protobufLike, List.of());

        assertThat(letter.toString()).contains("value=(7 bytes, not UTF-8 text)");
    }

    @Test
    void prints_a_missing_key_value_or_header_value_as_null() {
        DeadLetter letter = deadLetter(null, null, List.of(new MessageHeader("tombstone", null)));

        assertThat(letter.toString()).contains("key=null, value=null, headers=[tombstone=null,");
    }

    @Test
    void cuts_long_text_and_says_how_many_bytes_it_had() {
        DeadLetter letter = deadLetter(utf8("42"), utf8("a".repeat(1_234)), List.of());

        assertThat(letter.toString())
                .contains("value=\"" + "a".repeat(200) + "\"\u2026(1,234 bytes)")
                .doesNotContain("a".repeat(201));
    }

    @Test
    void cuts_text_between_characters_not_inside_one() {
        String flags = "\uD83C\uDDEB\uD83C\uDDF7".repeat(150);
        DeadLetter letter = deadLetter(utf8("42"), utf8(flags), List.of());

        assertThat(letter.toString())
                .contains("value=\"" + flags.substring(0, 400) + "\"\u2026(1,200 bytes)");
    }

    @Test
    void cuts_a_long_reason_too() {
        RawRecord original = record(utf8("42"), utf8("{}"), List.of());
        DeadLetter letter = DeadLetter.of("people-events.DLT", original, "com.example.Huge", "x".repeat(500), 1);

        assertThat(letter.toString()).contains("reason=\"com.example.Huge: " + "x".repeat(182) + "\"\u2026(518 chars)");
    }

    @Test
    void prints_on_one_line_with_control_characters_escaped() {
        RawRecord original = record(utf8("42"), utf8("first line\r\nsecond\tline"), List.of());
        DeadLetter letter = DeadLetter.of("people-events.DLT", original, "com.example.Bell", "ring\u0007", 1);

        assertThat(letter.toString())
                .contains("value=\"first line\\r\\nsecond\\tline\"")
                .contains("reason=\"com.example.Bell: ring\\u0007\"")
                .doesNotContain("\n", "\r", "\u0007");
    }

    private static DeadLetter deadLetter(byte[] key, byte[] value, List<MessageHeader> headers) {
        return DeadLetter.of("people-events.DLT", record(key, value, headers), "java.lang.IllegalStateException",
                "boom", 3);
    }

    private static RawRecord record(byte[] key, byte[] value, List<MessageHeader> headers) {
        return new RawRecord("people-events", 1, 7, Instant.EPOCH, key, value, headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
