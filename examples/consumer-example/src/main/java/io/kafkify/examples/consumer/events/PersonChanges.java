package io.kafkify.examples.consumer.events;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of a {@code PERSON_UPDATED} event: the person's id and what changed. A field
 * that did not change is absent (null); one that is present is validated.
 *
 * @param id the person's id
 * @param name the new name, or null
 * @param email the new email address, or null
 */
public record PersonChanges(@NotBlank String id, @Nullable String name, @Email @Nullable String email) {

    /** @return the id and what changed, e.g. {@code 42: email ada@lovelace.dev} */
    public String describe() {
        StringBuilder text = new StringBuilder(id).append(':');
        if (name != null) {
            text.append(" name ").append(name);
        }
        if (email != null) {
            text.append(" email ").append(email);
        }
        return text.toString();
    }
}
