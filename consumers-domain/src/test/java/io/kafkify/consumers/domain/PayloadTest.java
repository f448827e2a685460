package io.kafkify.consumers.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void binds_the_whole_value_at_the_consumers_strictness_by_default() {
        Payload<String> payload = Payload.of(String.class);

        assertThat(payload.isWholeValue()).isTrue();
        assertThat(payload.strictness()).isEqualTo(Payload.Strictness.CONSUMER_DEFAULT);
        assertThat(payload.at("/data").strict().describe()).isEqualTo("String at /data");
    }

    @Test
    void rejects_a_part_that_is_not_a_json_pointer() {
        assertThatThrownBy(() -> Payload.of(String.class).at("data"))
                .isInstanceOf(HandlerRegistrationException.class).hasMessageContaining("\"/data\"");
    }

    @Test
    void builds_a_lazy_value_once_whoever_asks() {
        AtomicInteger built = new AtomicInteger();
        Message message = Message.lazy("t", 0, 1, Instant.EPOCH, null, null, new LazyValue() {
            @Override
            public String code() {
                return "A";
            }

            @Override
            public Object get() {
                built.incrementAndGet();
                return "value";
            }
        });

        assertThat(message.code()).isEqualTo("A");
        assertThat(built).hasValue(0);
        assertThat(message.value()).isEqualTo("value");
        assertThat(message.value()).isEqualTo("value");
        assertThat(built).hasValue(1);
        assertThat(message).isEqualTo(new Message("t", 0, 1, Instant.EPOCH, null, null, "value", "A"));
    }
}
