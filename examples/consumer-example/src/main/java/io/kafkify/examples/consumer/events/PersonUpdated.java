package io.kafkify.examples.consumer.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A whole {@code PERSON_UPDATED} event of the {@code people-events} topic, envelope included, as the
 * README's quick start binds it. The example's router binds only the envelope's {@code data}, to
 * {@link PersonChanges}, with {@code Payload.of(PersonChanges.class).at("/data")}.
 *
 * @param code always {@code PERSON_UPDATED}
 * @param data what changed, validated too ({@link Valid})
 * @param timestamp when the person was updated: ISO-8601 text in the JSON, bound to an {@link Instant}
 */
public record PersonUpdated(@NotBlank String code, @NotNull @Valid PersonChanges data,
                            @Nullable Instant timestamp) {
}
