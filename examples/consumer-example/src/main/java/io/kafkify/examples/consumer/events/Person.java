package io.kafkify.examples.consumer.events;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

/**
 * The {@code data} of a {@code PERSON_CREATED} event. Kafkify validates these constraints before
 * the handler runs: a person without a name, or with an email address that is not one, never
 * reaches it.
 *
 * @param id the person's id
 * @param name the person's name
 * @param email the person's email address
 */
// tag::person[]
public record Person(@NotBlank String id, @NotBlank String name, @NotBlank @Email String email) {
}
// end::person[]
