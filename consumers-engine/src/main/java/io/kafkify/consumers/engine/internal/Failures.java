package io.kafkify.consumers.engine.internal;

/**
 * Describes a throwable without ever throwing: a handler's exception may break in
 * {@code getMessage()} or {@code toString()}, and the engine must still log it, dead-letter its
 * record and report it.
 */
final class Failures {

    private Failures() {
    }

    /** @return the message, or a note that it could not be read */
    static String message(Throwable failure) {
        try {
            return String.valueOf(failure.getMessage());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return "(its message could not be read: " + e.getClass().getName() + ")";
        }
    }

    /** @return {@code ClassName: message}, safely */
    static String describe(Throwable failure) {
        return failure.getClass().getName() + ": " + message(failure);
    }
}
