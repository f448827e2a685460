package org.jspecify.nullness;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Architecture fixture: a stand-in for the {@code @Nullable} of JSpecify's 0.x snapshots, which lived
 * in {@code org.jspecify.nullness} rather than 1.0's {@code org.jspecify.annotations}. The inner
 * modules may use JSpecify's annotations package only, so a class using this one violates their
 * rules; a test class, never published.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Nullable {
}
