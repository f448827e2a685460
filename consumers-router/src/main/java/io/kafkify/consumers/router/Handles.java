package io.kafkify.consumers.router;

import io.kafkify.consumers.domain.Payload;
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
 * Its return value, if any, is ignored; any exception it throws is the handler's failure. A typed
 * method binds the whole value unless {@link #part()} names a part of it, such as the envelope's
 * {@code /data}, and {@link #strictness()} overrides the consumer's {@code strictPayloads} setting:
 * the same bindings as {@code Payload.of(T.class).at("/data").strict()}.
 *
 * <pre>{@code
 * class PeopleHandlers {
 *     @Handles(topic = "people-events", codes = "PERSON_CREATED")
 *     void created(PersonCreated event, Message message) { ... }
 *
 *     @Handles(topic = "people-events", codes = "PERSON_UPDATED", part = "/data")
 *     void updated(PersonDetails data) { ... }
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

    /**
     * @return a JSON pointer to the part of the value a typed payload is bound to, such as
     *         {@code /data}; empty (the default) binds the whole value. Only for typed methods.
     */
    String part() default "";

    /**
     * @return whether properties the payload type does not declare fail the binding; by default
     *         the consumer's {@code strictPayloads} setting decides (tolerant unless set). Only for
     *         typed methods.
     */
    Payload.Strictness strictness() default Payload.Strictness.CONSUMER_DEFAULT;
}
