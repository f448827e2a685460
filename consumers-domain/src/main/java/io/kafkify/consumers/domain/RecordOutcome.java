package io.kafkify.consumers.domain;

import java.util.Objects;

/**
 * What became of one record once the consumer was done with it. A closed set: every record
 * ends in exactly one of these.
 */
public sealed interface RecordOutcome {

    /** @return the record's coordinates, {@code topic-partition@offset} */
    String coordinates();

    /**
     * A handler took the record and returned normally.
     *
     * @param message the message
     * @param handler the description of the handler that took it
     */
    record Handled(Message message, String handler) implements RecordOutcome {
        /** Checks the arguments. */
        public Handled {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(handler, "handler");
        }

        @Override
        public String coordinates() {
            return message.coordinates();
        }
    }

    /**
     * No handler takes the record: its topic has no default handler and no handler for its
     * code. Committed with a warning, as documented.
     *
     * @param message the message
     */
    record Unrouted(Message message) implements RecordOutcome {
        /** Checks the arguments. */
        public Unrouted {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String coordinates() {
            return message.coordinates();
        }
    }

    /**
     * The record could not be handled: its payload could not be decoded or bound, or its
     * handler threw.
     *
     * @param coordinates the record's coordinates
     * @param message the message, or null when the record could not even be decoded
     * @param handler the description of the handler that threw, or null when none ran
     * @param cause what went wrong
     * @param retryable false when trying again cannot help (a payload problem)
     */
    record Failed(String coordinates, Message message, String handler, Throwable cause, boolean retryable)
            implements RecordOutcome {
        /** Checks the arguments. */
        public Failed {
            Objects.requireNonNull(coordinates, "coordinates");
            Objects.requireNonNull(cause, "cause");
        }
    }
}
