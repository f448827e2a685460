package io.kafkify.consumers.router;

import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.HandlerRegistrationException;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHandler;
import io.kafkify.consumers.domain.Payload;
import io.kafkify.consumers.domain.TypedMessageHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Turns the {@link Handles}-annotated methods of an object into registrations. */
final class AnnotatedHandlers {

    private AnnotatedHandlers() {
    }

    static List<HandlerRegistration> registrationsOf(Object target) {
        Objects.requireNonNull(target, "handlers");
        List<Method> methods = new ArrayList<>();
        for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Handles.class) && !method.isBridge() && !method.isSynthetic()) {
                    methods.add(method);
                }
            }
        }
        if (methods.isEmpty()) {
            throw new HandlerRegistrationException("Expected methods annotated with @Handles on "
                    + target.getClass().getName() + ", found none. Annotate the handler methods, or register "
                    + "lambdas with get(topic, codes, handler).");
        }
        methods.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        List<HandlerRegistration> registrations = new ArrayList<>();
        for (Method method : methods) {
            registrations.add(registrationOf(target, method));
        }
        return registrations;
    }

    private static HandlerRegistration registrationOf(Object target, Method method) {
        Handles handles = method.getAnnotation(Handles.class);
        String description = "method " + method.getDeclaringClass().getName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                        .reduce((a, b) -> a + ", " + b).map(p -> "(" + p + ")").orElse("()");
        if (Modifier.isStatic(method.getModifiers())) {
            throw invalid(description, "is static");
        }
        makeAccessible(method, description);
        List<String> codes = List.of(handles.codes());
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length == 1 && parameters[0] == Message.class) {
            if (!handles.part().isEmpty() || handles.strictness() != Payload.Strictness.CONSUMER_DEFAULT) {
                throw invalid(description, "takes a Message but sets part or strictness, which apply to a typed "
                        + "payload only");
            }
            MessageHandler handler = message -> invoke(target, method, message);
            return new HandlerRegistration.Plain(handles.topic(), codes, handler, description);
        }
        if (parameters.length == 2 && parameters[1] == Message.class && parameters[0] != Message.class) {
            return typed(handles, codes, parameters[0], (payload, message) -> invoke(target, method, payload, message),
                    description);
        }
        if (parameters.length == 1) {
            return typed(handles, codes, parameters[0], (payload, message) -> invoke(target, method, payload),
                    description);
        }
        throw invalid(description, "takes " + parameters.length + " parameters");
    }

    private static <T> HandlerRegistration typed(Handles handles, List<String> codes, Class<T> type,
                                                 TypedMessageHandler<T> handler, String description) {
        if (type.isPrimitive()) {
            throw invalid(description, "takes a primitive payload " + type.getName());
        }
        Payload<T> payload;
        try {
            payload = new Payload<>(type, handles.part(), handles.strictness());
        } catch (HandlerRegistrationException e) {
            throw new HandlerRegistrationException("Cannot register @Handles " + description + ": " + e.getMessage(), e);
        }
        return new HandlerRegistration.Typed<>(handles.topic(), codes, payload, handler, description);
    }

    private static void makeAccessible(Method method, String description) {
        try {
            method.setAccessible(true);
        } catch (RuntimeException e) {
            throw new HandlerRegistrationException("Cannot call @Handles " + description
                    + ": it is not accessible (" + e.getMessage() + "). Make the method public, or open its "
                    + "package to Kafkify.", e);
        }
    }

    private static void invoke(Object target, Method method, Object... arguments) throws Exception {
        try {
            method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static HandlerRegistrationException invalid(String description, String problem) {
        return new HandlerRegistrationException("Cannot register @Handles " + description + ": it " + problem
                + ". A handler method is an instance method taking (Message), (Payload) or (Payload, Message).");
    }
}
