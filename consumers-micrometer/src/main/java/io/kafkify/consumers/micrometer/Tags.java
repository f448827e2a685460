package io.kafkify.consumers.micrometer;

import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.RecordOutcome;

/** The values of the {@code topic}, {@code code} and {@code outcome} tags, the same keys for every outcome. */
final class Tags {

    /** The code tag of a record that has none, or could not be decoded. */
    static final String NO_CODE = "none";

    private Tags() {
    }

    static String topic(RecordOutcome outcome) {
        return outcome.topic();
    }

    static String code(RecordOutcome outcome) {
        return outcome.decoded().map(Message::code).orElse(NO_CODE);
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
}
