package io.kafkify.consumers.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.DuplicateHandlerException;
import io.kafkify.consumers.domain.MessageHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private static final MessageHandler NOOP = message -> { };
    private final RoutingTable table = new RoutingTable();

    @Test
    void routes_a_record_with_a_registered_code_to_its_code_handler() {
        table.register("people", List.of("CREATED"), NOOP, "created");
        table.register("people", List.of(), NOOP, "default");

        assertThat(table.routeFor("people", "CREATED")).map(Route::description).contains("created");
    }

    @Test
    void routes_a_record_without_code_to_the_default_handler() {
        table.register("people", List.of("CREATED"), NOOP, "created");
        table.register("people", List.of(), NOOP, "default");

        assertThat(table.routeFor("people", null)).map(Route::description).contains("default");
    }

    @Test
    void routes_an_unknown_code_to_the_default_handler() {
        table.register("people", List.of("CREATED"), NOOP, "created");
        table.register("people", List.of(), NOOP, "default");

        assertThat(table.routeFor("people", "DELETED")).map(Route::description).contains("default");
    }

    @Test
    void finds_no_route_for_an_unknown_code_without_a_default_handler() {
        table.register("people", List.of("CREATED"), NOOP, "created");

        assertThat(table.routeFor("people", "DELETED")).isEmpty();
        assertThat(table.routeFor("people", null)).isEmpty();
    }

    @Test
    void finds_no_route_for_a_topic_without_handlers() {
        table.register("people", List.of(), NOOP, "default");

        assertThat(table.routeFor("purchases", "CREATED")).isEmpty();
    }

    @Test
    void keeps_codes_of_different_topics_apart() {
        table.register("people", List.of("CREATED"), NOOP, "people created");
        table.register("purchases", List.of("CREATED"), NOOP, "purchase created");

        assertThat(table.routeFor("purchases", "CREATED")).map(Route::description).contains("purchase created");
    }

    @Test
    void rejects_a_second_handler_for_a_topic_and_code_naming_both() {
        table.register("people", List.of("CREATED"), NOOP, "first handler");

        assertThatThrownBy(() -> table.register("people", List.of("UPDATED", "CREATED"), NOOP, "second handler"))
                .isInstanceOf(DuplicateHandlerException.class)
                .hasMessageContaining("\"people\"")
                .hasMessageContaining("\"CREATED\"")
                .hasMessageContaining("first handler")
                .hasMessageContaining("second handler");
        assertThat(table.routeFor("people", "UPDATED")).as("all or nothing").isEmpty();
    }

    @Test
    void rejects_a_second_default_handler_naming_both() {
        table.register("people", List.of(), NOOP, "first default");

        assertThatThrownBy(() -> table.register("people", List.of(), NOOP, "second default"))
                .isInstanceOf(DuplicateHandlerException.class)
                .hasMessageContaining("first default")
                .hasMessageContaining("second default");
    }

    @Test
    void looks_up_without_allocating_a_new_optional() {
        table.register("people", List.of("CREATED"), NOOP, "created");
        table.register("people", List.of(), NOOP, "default");

        assertThat(table.routeFor("people", "CREATED")).isSameAs(table.routeFor("people", "CREATED"));
        assertThat(table.routeFor("people", "OTHER")).isSameAs(table.routeFor("people", null));
        assertThat(table.routeFor("nobody", "X")).isSameAs(table.routeFor("nobody", null));
    }

    @Test
    void lists_the_topics_that_have_handlers() {
        table.register("people", List.of("CREATED"), NOOP, "created");
        table.register("purchases", List.of(), NOOP, "default");

        assertThat(table.topics()).containsExactlyInAnyOrder("people", "purchases");
        assertThat(new RoutingTable().isEmpty()).isTrue();
    }
}
