package io.kafkify.examples.consumer.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * A {@code PERSON_UPDATED} event of the {@code people-events} topic.
 *
 * @param code always {@code PERSON_UPDATED}
 * @param data what changed, validated too ({@link Valid})
 * @param timestamp when the person was updated, ISO-8601
 */
public record PersonUpdated(@NotBlank String code, @NotNull @Valid PersonChanges data,
                            @Nullable String timestamp) {
}
