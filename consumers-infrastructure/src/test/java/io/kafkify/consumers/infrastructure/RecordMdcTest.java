package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.Payload;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordMdcTest {

    record Order(String id) {
    }

    @Test
    void wrapping_a_typed_handler_keeps_its_payload_part_and_strictness() {
        Payload<Order> payload = Payload.of(Order.class).at("/data").strict();
        HandlerRegistration.Typed<Order> typed = new HandlerRegistration.Typed<>("orders", List.of("ORDER_PLACED"),
                payload, (order, message) -> { }, "orders handler");

        HandlerRegistration wrapped = RecordMdc.withCode(typed);

        assertThat(wrapped).isInstanceOfSatisfying(HandlerRegistration.Typed.class, again -> {
            assertThat(again.payload()).isEqualTo(payload);
            assertThat(again.topic()).isEqualTo("orders");
            assertThat(again.codes()).containsExactly("ORDER_PLACED");
            assertThat(again.description()).isEqualTo("orders handler");
        });
    }
}
