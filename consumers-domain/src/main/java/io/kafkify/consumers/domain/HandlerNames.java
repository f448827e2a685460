package io.kafkify.consumers.domain;

import java.util.Optional;

/**
 * Names handlers for error messages. A lambda has no useful name of its own, so it is named
 * after the line of application code that registered it.
 */
public final class HandlerNames {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private HandlerNames() {
    }

    /**
     * Names a handler by its class (or "lambda") and the first caller outside Kafkify's own
     * registration code, e.g. {@code lambda registered at PeopleRoutes.java:42}.
     *
     * <p>Called at registration time only: it walks the stack.
     *
     * @param handler the handler object
     * @return a description for errors and logs
     */
    public static String describe(Object handler) {
        String kind = handlerKind(handler);
        Optional<StackWalker.StackFrame> caller = WALKER.walk(frames -> frames
                .filter(frame -> !isRegistrationCode(frame.getDeclaringClass()))
                .findFirst());
        return caller
                .map(frame -> kind + " registered at " + frame.getFileName() + ":" + frame.getLineNumber()
                        + " (" + frame.getClassName() + "." + frame.getMethodName() + ")")
                .orElse(kind);
    }

    private static String handlerKind(Object handler) {
        String name = handler.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            return "lambda";
        }
        return "handler " + name;
    }

    private static boolean isRegistrationCode(Class<?> type) {
        return type == HandlerNames.class
                || type == HandlerRegistration.class
                || HandlerRegistry.class.isAssignableFrom(type);
    }
}
