package io.kafkify.examples.consumer.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A {@code PERSON_CREATED} event of the {@code people-events} topic, in the documented message
 * structure: the routing {@code code}, the {@code data}, and a {@code timestamp}.
 *
 * <pre>{@code
 * {"code": "PERSON_CREATED", "data": {"id": "42", "name": "Ada Lovelace", "email": "ada@example.com"},
 *  "timestamp": "2024-05-01T10:00:00Z"}
 * }</pre>
 *
 * @param code always {@code PERSON_CREATED}
 * @param data the person, validated too ({@link Valid})
 * @param timestamp when the person was created: ISO-8601 text in the JSON, bound to an {@link Instant}
 */
// tag::person-created[]
public record PersonCreated(@NotBlank String code, @NotNull @Valid Person data, @Nullable Instant timestamp) {
}
// end::person-created[]
