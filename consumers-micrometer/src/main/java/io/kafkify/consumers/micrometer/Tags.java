package io.kafkify.consumers.micrometer;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.RecordOutcome;
import org.jspecify.annotations.Nullable;

/** The values of the {@code topic}, {@code code} and {@code outcome} tags, the same keys for every outcome. */
final class Tags {

    /** The code tag of a record that has none, or could not be decoded. */
    static final String NO_CODE = "none";

    private Tags() {
    }

    static String topic(RecordOutcome outcome) {
        Message message = message(outcome);
        if (message != null) {
            return message.topic();
        }
        String coordinates = outcome.coordinates();
        int at = coordinates.lastIndexOf('@');
        int dash = coordinates.lastIndexOf('-', at);
        return dash > 0 ? coordinates.substring(0, dash) : coordinates;
    }

    static String code(RecordOutcome outcome) {
        Message message = message(outcome);
        String code = message == null ? null : message.code();
        return code == null ? NO_CODE : code;
    }

    static String outcome(RecordOutcome outcome) {
        if (outcome instanceof RecordOutcome.Handled) {
            return "handled";
        }
        if (outcome instanceof RecordOutcome.Unrouted) {
            return "unrouted";
        }
        if (outcome instanceof RecordOutcome.Failed) {
            return "failed";
        }
        if (outcome instanceof RecordOutcome.DeadLettered) {
            return "dead_lettered";
        }
        if (outcome instanceof RecordOutcome.Skipped) {
            return "skipped";
        }
        if (outcome instanceof RecordOutcome.Stopped) {
            return "stopped";
        }
        return "abandoned";
    }

    private static @Nullable Message message(RecordOutcome outcome) {
        if (outcome instanceof RecordOutcome.Handled handled) {
            return handled.message();
        }
        if (outcome instanceof RecordOutcome.Unrouted unrouted) {
            return unrouted.message();
        }
        RecordOutcome.Failed failure = failureOf(outcome);
        return failure == null ? null : failure.message();
    }

    private static RecordOutcome.@Nullable Failed failureOf(RecordOutcome outcome) {
        if (outcome instanceof RecordOutcome.Failed failed) {
            return failed;
        }
        if (outcome instanceof RecordOutcome.DeadLettered dead) {
            return dead.failure();
        }
        if (outcome instanceof RecordOutcome.Skipped skipped) {
            return skipped.failure();
        }
        if (outcome instanceof RecordOutcome.Stopped stopped) {
            return stopped.failure();
        }
        if (outcome instanceof RecordOutcome.Abandoned abandoned) {
            return abandoned.failure();
        }
        return null;
    }
}
