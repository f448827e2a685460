package io.kafkify.consumers.infrastructure.internal.config;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated string must be a comma-separated list of {@code host:port} entries, as Kafka's
 * {@code bootstrap.servers}: a host name, an IPv4 address or a bracketed IPv6 address, then a
 * port from 1 to 65535, optionally after a {@code PROTOCOL://} prefix. Blank entries are
 * ignored, as Kafka ignores them. {@code null} and blank strings are valid: combine with
 * {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = HostPortListValidator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface HostPortList {

    /** @return the message; the validator appends which entries are wrong */
    String message() default "must be a comma-separated list of host:port with a port from 1 to 65535";

    /** @return the validation groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
}
