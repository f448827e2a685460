package io.kafkify.consumers.domain;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What became of one attempt at a record. A closed set. A record ends, for the consumer that
 * fetched it, in exactly one final outcome ({@link Handled}, {@link Unrouted},
 * {@link DeadLettered}, {@link Skipped}, {@link Stopped} or {@link Abandoned}); each failed
 * attempt before that is a {@link Failed}.
 */
public sealed interface RecordOutcome {

    /** @return the record's coordinates, {@code topic-partition@offset} */
    String coordinates();

    /** @return the record's topic: its message's when it was decoded, else read from its coordinates */
    default String topic() {
        Optional<Message> decoded = decoded();
        if (decoded.isPresent()) {
            return decoded.get().topic();
        }
        String coordinates = coordinates();
        return coordinates.substring(0, coordinates.lastIndexOf('-', coordinates.lastIndexOf('@')));
    }

    /** @return the record's partition: its message's when it was decoded, else read from its coordinates */
    default int partition() {
        Optional<Message> decoded = decoded();
        if (decoded.isPresent()) {
            return decoded.get().partition();
        }
        String coordinates = coordinates();
        int at = coordinates.lastIndexOf('@');
        return Integer.parseInt(coordinates.substring(coordinates.lastIndexOf('-', at) + 1, at));
    }

    /** @return the record's offset in its partition: its message's when it was decoded, else read from its coordinates */
    default long offset() {
        Optional<Message> decoded = decoded();
        if (decoded.isPresent()) {
            return decoded.get().offset();
        }
        String coordinates = coordinates();
        return Long.parseLong(coordinates.substring(coordinates.lastIndexOf('@') + 1));
    }

    /**
     * @return the record as a handler saw it (its decoded key and value, headers, code), or empty
     *     when it could not be decoded
     */
    default Optional<Message> decoded() {
        if (this instanceof Handled handled) {
            return Optional.of(handled.message());
        }
        if (this instanceof Unrouted unrouted) {
            return Optional.of(unrouted.message());
        }
        Failed failure = this instanceof Failed failed ? failed
                : this instanceof DeadLettered dead ? dead.failure()
                : this instanceof Skipped skipped ? skipped.failure()
                : this instanceof Stopped stopped ? stopped.failure()
                : ((Abandoned) this).failure();
        return Optional.ofNullable(failure.message());
    }

    /** @return true when this is the record's last outcome; a failed attempt never is */
    default boolean isFinal() {
        return !(this instanceof Failed);
    }

    /**
     * A handler took the record and returned normally.
     *
     * @param message the message
     * @param handler the description of the handler that took it
     */
    record Handled(Message message, String handler) implements RecordOutcome {
        /**
         * Checks and normalizes the components.
         *
         * @param message see {@link #message()}
         * @param handler see {@link #handler()}
         */
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
     * code. Committed with a warning, as documented (or dead-lettered, if configured so).
     *
     * @param message the message
     */
    record Unrouted(Message message) implements RecordOutcome {
        /**
         * Checks and normalizes the components.
         *
         * @param message see {@link #message()}
         */
        public Unrouted {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String coordinates() {
            return message.coordinates();
        }
    }

    /**
     * One attempt at the record failed: its payload could not be decoded or bound, or its
     * handler threw.
     *
     * @param coordinates the record's coordinates
     * @param message the message, or null when the record could not even be decoded
     * @param handler the description of the handler that threw, or null when none ran
     * @param cause what went wrong
     * @param retryable false when trying again cannot help (a payload problem, a non-retryable
     *     exception)
     * @param attempt which attempt this was, from 1
     * @param willRetry true when the record will be tried again
     */
    record Failed(String coordinates, @Nullable Message message, @Nullable String handler, Throwable cause,
                  boolean retryable, int attempt, boolean willRetry) implements RecordOutcome {
        /**
         * Checks and normalizes the components.
         *
         * @param coordinates see {@link #coordinates()}
         * @param message see {@link #message()}
         * @param handler see {@link #handler()}
         * @param cause see {@link #cause()}
         * @param retryable see {@link #retryable()}
         * @param attempt see {@link #attempt()}
         * @param willRetry see {@link #willRetry()}
         */
        public Failed {
            Objects.requireNonNull(coordinates, "coordinates");
            Objects.requireNonNull(cause, "cause");
        }

        /**
         * A first attempt, before the retry policy has looked at it.
         *
         * @param coordinates the record's coordinates
         * @param message the message, or null
         * @param handler the handler, or null
         * @param cause what went wrong
         * @param retryable whether trying again could help
         * @return the outcome
         */
        public static Failed of(String coordinates, @Nullable Message message, @Nullable String handler,
                                Throwable cause, boolean retryable) {
            return new Failed(coordinates, message, handler, cause, retryable, 1, false);
        }

        /**
         * @param canRetry whether trying again could help, as the retry policy classifies the
         *     cause (never true when this failure already says it cannot)
         * @param attemptNumber the attempt this was
         * @param retrying whether the record will be tried again
         * @return this failure, classified and numbered
         */
        public Failed numbered(boolean canRetry, int attemptNumber, boolean retrying) {
            return new Failed(coordinates, message, handler, cause, retryable && canRetry, attemptNumber, retrying);
        }

        /**
         * @return {@code ExceptionClass: message}, the readable reason; never throws, even for an
         *     exception whose {@code getMessage()} does
         */
        public String reason() {
            String message;
            try {
                message = cause.getMessage();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                message = "(its message could not be read: " + e.getClass().getName() + ")";
            }
            return cause.getClass().getName() + ": " + message;
        }
    }

    /**
     * The record was published to its dead-letter topic after its last failure, then
     * committed.
     *
     * @param failure the last failure
     * @param deadLetterTopic where it was published
     */
    record DeadLettered(Failed failure, String deadLetterTopic) implements RecordOutcome {
        /**
         * Checks and normalizes the components.
         *
         * @param failure see {@link #failure()}
         * @param deadLetterTopic see {@link #deadLetterTopic()}
         */
        public DeadLettered {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        }

        @Override
        public String coordinates() {
            return failure.coordinates();
        }
    }

    /**
     * The record was given up on by the {@link FailurePolicy#SKIP} policy, then committed.
     *
     * @param failure the last failure
     */
    record Skipped(Failed failure) implements RecordOutcome {
        /**
         * Checks and normalizes the components.
         *
         * @param failure see {@link #failure()}
         */
        public Skipped {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public String coordinates() {
            return failure.coordinates();
        }
    }

    /**
     * The record's partition was halted at it by the {@link FailurePolicy#STOP} policy.
     *
     * @param failure the last failure
     */
    record Stopped(Failed failure) implements RecordOutcome {
        /**
         * Checks and normalizes the components.
         *
         * @param failure see {@link #failure()}
         */
        public Stopped {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public String coordinates() {
            return failure.coordinates();
        }
    }

    /**
     * The record's last attempt failed while its partition was being revoked, lost, reset or
     * stopped: it is neither retried nor given to the failure policy, and nothing at or past it
     * is committed. The partition's next owner (or this consumer, after a resume) handles it
     * again, with fresh attempts.
     *
     * @param failure the failed attempt
     * @param why why the partition was halted, e.g. {@code revoked}
     */
    record Abandoned(Failed failure, String why) implements RecordOutcome {
        /**
         * Checks and normalizes the components.
         *
         * @param failure see {@link #failure()}
         * @param why see {@link #why()}
         */
        public Abandoned {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String coordinates() {
            return failure.coordinates();
        }
    }
}
