package io.kafkify.consumers.infrastructure;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The one Bean Validation {@link Validator} Kafkify uses, built once. It interpolates messages
 * without Jakarta Expression Language, so applications need no EL implementation.
 */
final class BeanValidation {

    private static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private BeanValidation() {
    }

    static Validator validator() {
        return VALIDATOR;
    }
}
