package io.kafkify.consumers.router;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a plain object as the handler of a topic (and, optionally, of some codes):
 * the Java form of the documented library's decorator. Register every annotated method of an
 * object with one call, {@link ConsumerRouter#includeHandlers(Object)}.
 *
 * <p>The method may take:
 * <ul>
 *   <li>{@code (Message message)}: the decoded message, as {@code get(topic, codes, handler)};</li>
 *   <li>{@code (T payload, Message message)} or {@code (T payload)}: the value bound to
 *       {@code T} and validated, as {@code get(topic, codes, T.class, handler)}.</li>
 * </ul>
 * Its return value, if any, is ignored; any exception it throws is the handler's failure.
 *
 * <pre>{@code
 * class PeopleHandlers {
 *     @Handles(topic = "people-events", codes = "PERSON_CREATED")
 *     void created(PersonCreated event, Message message) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Handles {

    /** @return the topic the method handles */
    String topic();

    /** @return the codes the method handles; none (the default) makes it the topic's default handler */
    String[] codes() default {};
}
