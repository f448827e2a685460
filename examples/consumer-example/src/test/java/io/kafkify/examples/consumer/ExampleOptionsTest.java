package io.kafkify.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExampleOptionsTest {

    @Test
    void runs_the_demo_on_a_free_health_port_without_flags() {
        assertThat(ExampleOptions.parse()).isEqualTo(ExampleOptions.DEFAULTS);
        assertThat(ExampleOptions.DEFAULTS.serve()).isFalse();
        assertThat(ExampleOptions.DEFAULTS.healthPort()).isZero();
    }

    @Test
    void reads_every_flag() {
        ExampleOptions options = ExampleOptions.parse("--serve", "--health-port=8080", "--config=consumer.properties",
                "--sample-timeout=5");

        assertThat(options).isEqualTo(new ExampleOptions(true, 8080, Path.of("consumer.properties"),
                Duration.ofSeconds(5), false));
    }

    @Test
    void ignores_blank_arguments_as_an_empty_example_args_property_gives() {
        assertThat(ExampleOptions.parse("", "  ")).isEqualTo(ExampleOptions.DEFAULTS);
    }

    @Test
    void rejects_an_unknown_flag_naming_it() {
        assertThatThrownBy(() -> ExampleOptions.parse("--serv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--serv");
    }

    @Test
    void rejects_a_port_that_is_not_a_number() {
        assertThatThrownBy(() -> ExampleOptions.parse("--health-port=http"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--health-port takes a number, was \"http\"");
    }

    @Test
    void rejects_a_port_out_of_range() {
        assertThatThrownBy(() -> ExampleOptions.parse("--health-port=70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 65535");
    }
}
