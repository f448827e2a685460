package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.Payload;
import io.kafkify.consumers.domain.PayloadException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding as the consumers do it: from the record's bytes, tolerant unless asked, whole or a part. */
class JacksonPayloadBinderFromBytesTest {

    record Order(String id, @Positive BigDecimal amount) {
    }

    record OrderPlaced(String code, @Valid Order data, Instant timestamp) {
    }

    record Person(String id, @NotBlank String name, @Email String email) {
    }

    private static final String ORDER = "{\"code\":\"ORDER_PLACED\",\"data\":{\"id\":\"A-1\",\"amount\":12.5,"
            + "\"currency\":\"EUR\"},\"timestamp\":\"2023-10-27T10:00:00Z\"}";

    private final JacksonPayloadBinder tolerant = new JacksonPayloadBinder();
    private final JacksonPayloadBinder strict =
            new JacksonPayloadBinder(new ObjectMapper(), BeanValidation.validator(), true);

    @Test
    void ignores_a_property_the_type_does_not_declare() {
        OrderPlaced order = tolerant.bind(message(ORDER), OrderPlaced.class);

        assertThat(order.data()).isEqualTo(new Order("A-1", new BigDecimal("12.5")));
    }

    @Test
    void binds_an_iso_timestamp_to_an_instant_even_with_a_plain_mapper() {
        JacksonPayloadBinder plain = new JacksonPayloadBinder(new ObjectMapper());

        assertThat(plain.bind(message(ORDER), OrderPlaced.class).timestamp())
                .isEqualTo(Instant.parse("2023-10-27T10:00:00Z"));
    }

    @Test
    void binds_the_data_part_alone_without_the_envelope() {
        Order order = tolerant.bind(message(ORDER), Payload.of(Order.class).at("/data"));

        assertThat(order).isEqualTo(new Order("A-1", new BigDecimal("12.5")));
    }

    @Test
    void fails_on_an_unknown_property_when_the_consumer_is_strict_naming_its_path() {
        assertThatThrownBy(() -> strict.bind(message(ORDER), OrderPlaced.class))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("at data.currency")
                .hasMessageContaining("unknown property \"currency\" (strict binding)");
    }

    @Test
    void lets_a_handler_choose_strict_or_tolerant_over_the_consumer() {
        assertThatThrownBy(() -> tolerant.bind(message(ORDER), Payload.of(Order.class).at("/data").strict()))
                .isInstanceOf(PayloadException.class).hasMessageContaining("at data.currency");
        assertThat(strict.bind(message(ORDER), Payload.of(Order.class).at("/data").tolerant()).id()).isEqualTo("A-1");
    }

    @Test
    void reports_violations_of_a_part_with_their_path_in_the_value() {
        String invalid = "{\"code\":\"PERSON_CREATED\",\"data\":{\"id\":\"45\",\"name\":\" \",\"email\":\"not-an-email\"}}";

        assertThatThrownBy(() -> tolerant.bind(message(invalid), Payload.of(Person.class).at("/data")))
                .isInstanceOf(PayloadException.class)
                .hasMessage("Person at /data is invalid: data.email: must be a well-formed email address; "
                        + "data.name: must not be blank");
    }

    @Test
    void reports_a_wrong_type_with_its_path_in_the_value() {
        String mistyped = "{\"code\":\"ORDER_PLACED\",\"data\":{\"id\":\"A-1\",\"amount\":\"lots\"}}";

        assertThatThrownBy(() -> tolerant.bind(message(mistyped), Payload.of(Order.class).at("/data")))
                .isInstanceOf(PayloadException.class)
                .hasMessageStartingWith("Cannot bind /data of the value at orders-0@5 to Order, at data.amount:");
    }

    @Test
    void binds_a_part_inside_an_array_past_the_parts_before_it() {
        String orders = "{\"code\":\"BATCH\",\"meta\":{\"skip\":[1,{\"a\":2}]},\"data\":[{\"id\":\"A-1\",\"amount\":1},"
                + "{\"id\":\"A-2\",\"amount\":2}]}";

        assertThat(tolerant.bind(message(orders), Payload.of(Order.class).at("/data/1")))
                .isEqualTo(new Order("A-2", new BigDecimal("2")));
        assertThatThrownBy(() -> tolerant.bind(message(orders), Payload.of(Order.class).at("/data/2")))
                .isInstanceOf(PayloadException.class).hasMessageContaining("has nothing at /data/2");
    }

    @Test
    void says_when_the_part_is_missing_or_null() {
        assertThatThrownBy(() -> tolerant.bind(message("{\"code\":\"A\"}"), Payload.of(Order.class).at("/data")))
                .isInstanceOf(PayloadException.class).hasMessageContaining("has nothing at /data");
        assertThatThrownBy(() -> tolerant.bind(message("{\"code\":\"A\",\"data\":null}"),
                Payload.of(Order.class).at("/data")))
                .isInstanceOf(PayloadException.class).hasMessageContaining("JSON null");
    }

    @Test
    void rejects_values_that_are_not_json_saying_what_was_found() {
        assertThatThrownBy(() -> tolerant.bind(message("{\"code\":\"A\",\"data\":"), Order.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("text that is not JSON");
        assertThatThrownBy(() -> tolerant.bind(message(new byte[] {(byte) 0xFF}), Order.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("bytes that are not UTF-8 text");
        assertThatThrownBy(() -> tolerant.bind(message((byte[]) null), Order.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("no value");
        assertThatThrownBy(() -> tolerant.bind(message("[1,2]"), Order.class))
                .isInstanceOf(PayloadException.class).hasMessageContaining("Cannot bind the value");
    }

    @Test
    void binds_types_a_value_already_is_from_the_decoded_value() {
        assertThat(tolerant.bind(message("just text"), String.class)).isEqualTo("just text");
        assertThat(tolerant.bind(message(ORDER), Map.class)).containsEntry("code", "ORDER_PLACED");
        assertThat(tolerant.bind(message("[1,2]"), List.class)).isEqualTo(List.of(1, 2));
        assertThat(tolerant.bind(message(ORDER), Payload.of(Map.class).at("/data"))).containsEntry("currency", "EUR");
    }

    private static Message message(String json) {
        return message(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Message message(byte[] data) {
        return Message.lazy("orders", 0, 5, Instant.EPOCH, null, null,
                new JsonValueDecoder().decodeLazily("orders", List.of(), data));
    }
}
