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
 * The annotated string must equal one of {@link #value()} (case-sensitive, as Kafka compares
 * them). {@code null} is valid: combine with {@code @NotNull} where a value is required.
 */
@Documented
@Constraint(validatedBy = OneOfValidator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface OneOf {

    /** @return the accepted values, in the order the message lists them */
    String[] value();

    /** @return the message; the default names every accepted value */
    String message() default "must be one of {value}";

    /** @return the validation groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
}
