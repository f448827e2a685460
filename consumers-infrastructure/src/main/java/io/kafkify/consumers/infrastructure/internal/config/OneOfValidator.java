package io.kafkify.consumers.infrastructure.internal.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;

/** Checks {@link OneOf}. Public only because Hibernate Validator instantiates it. */
public final class OneOfValidator implements ConstraintValidator<OneOf, String> {

    private List<String> accepted = List.of();

    @Override
    public void initialize(OneOf constraint) {
        accepted = List.of(constraint.value());
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || accepted.contains(value);
    }
}
