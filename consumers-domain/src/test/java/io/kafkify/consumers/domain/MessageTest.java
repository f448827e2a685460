package io.kafkify.consumers.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void a_classic_groups_message_has_no_delivery_count_and_a_share_groups_has_one() {
        Message classic = new Message("t", 0, 3, java.time.Instant.EPOCH, "k", java.util.List.of(), "v", null);
        Message shared = classic.withDeliveryCount(2);

        assertThat(classic.deliveryCount()).isEmpty();
        assertThat(shared.deliveryCount()).hasValue(2);
        assertThat(shared.value()).isEqualTo("v");
        assertThat(shared).isNotEqualTo(classic);
        assertThat(shared.toString()).endsWith(", deliveryCount=2]");
        assertThat(classic.toString()).doesNotContain("deliveryCount");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> classic.withDeliveryCount(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

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

    @Test
    void decodes_a_key_on_demand_once_and_only_when_asked() {
        CountingKeyDecoder decoder = new CountingKeyDecoder(true);
        Message message = Message.lazy("people-events", 0, 7, Instant.EPOCH, decoder,
                "42".getBytes(StandardCharsets.UTF_8), List.of(), fixedValue("PERSON_CREATED"));

        assertThat(message.code()).isEqualTo("PERSON_CREATED");
        assertThat(message.coordinates()).isEqualTo("people-events-0@7");
        assertThat(decoder.calls).as("nothing but the key needs the key decoded").hasValue(0);

        assertThat(message.key()).isEqualTo("key:42");
        assertThat(message.key()).isEqualTo("key:42");
        assertThat(decoder.calls).hasValue(1);
    }

    @Test
    void refuses_to_defer_a_key_decoder_that_may_fail() {
        assertThatThrownBy(() -> Message.lazy("people-events", 0, 7, Instant.EPOCH, new CountingKeyDecoder(false),
                new byte[] {1}, List.of(), fixedValue(null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not decode on demand");
    }

    @Test
    void compares_a_lazy_key_with_an_eager_one_by_what_it_decodes_to() {
        Message lazy = Message.lazy("t", 0, 1, Instant.EPOCH, new CountingKeyDecoder(true),
                "a".getBytes(StandardCharsets.UTF_8), List.of(), fixedValue(null));
        Message eager = Message.lazy("t", 0, 1, Instant.EPOCH, "key:a", List.of(), fixedValue(null));
        Message bytesKey = new Message("t", 0, 1, Instant.EPOCH, new byte[] {1, 2}, null, null, null);
        Message sameBytes = new Message("t", 0, 1, Instant.EPOCH, new byte[] {1, 2}, null, null, null);

        assertThat(lazy).isEqualTo(eager).hasSameHashCodeAs(eager);
        assertThat(bytesKey).isEqualTo(sameBytes).hasSameHashCodeAs(sameBytes);
        assertThat(lazy.toString()).contains("key=key:a");
    }

    private static LazyValue fixedValue(@Nullable String code) {
        return new LazyValue() {
            @Override
            public @Nullable String code() {
                return code;
            }

            @Override
            public @Nullable Object get() {
                return code == null ? null : Map.of("code", code);
            }
        };
    }

    private static final class CountingKeyDecoder implements Decoder {
        final AtomicInteger calls = new AtomicInteger();
        private final boolean onDemand;

        CountingKeyDecoder(boolean onDemand) {
            this.onDemand = onDemand;
        }

        @Override
        public @Nullable Object decode(String topic, List<MessageHeader> headers, byte @Nullable [] data) {
            calls.incrementAndGet();
            return data == null ? null : "key:" + new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public boolean decodesOnDemand() {
            return onDemand;
        }
    }
}
