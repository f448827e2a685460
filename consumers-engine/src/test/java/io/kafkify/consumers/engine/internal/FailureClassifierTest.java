package io.kafkify.consumers.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.NonRetryableException;
import io.kafkify.consumers.domain.PayloadException;
import io.kafkify.consumers.engine.internal.FailureClassifier.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    private final FailureClassifier classifier = new FailureClassifier(Set.of(IllegalArgumentException.class));

    @Test
    void retries_what_is_not_declared_or_built_in() {
        assertThat(classifier.classify(new IllegalStateException("transient"))).isEqualTo(Verdict.RETRYABLE);
    }

    @Test
    void never_retries_declared_types_their_subtypes_and_what_they_cause() {
        assertThat(classifier.classify(new IllegalArgumentException("bad"))).isEqualTo(Verdict.NON_RETRYABLE);
        assertThat(classifier.classify(new NumberFormatException("a subtype"))).isEqualTo(Verdict.NON_RETRYABLE);
        assertThat(classifier.classify(new UncheckedIOException("wrapped",
                new IOException(new IllegalArgumentException("root"))))).isEqualTo(Verdict.NON_RETRYABLE);
    }

    @Test
    void never_retries_payload_and_non_retryable_exceptions_anywhere_in_the_chain() {
        assertThat(classifier.classify(new PayloadException("email: must be well-formed"))).isEqualTo(Verdict.NON_RETRYABLE);
        assertThat(classifier.classify(new IllegalStateException("wrapped", new NonRetryableException("rule"))))
                .isEqualTo(Verdict.NON_RETRYABLE);
    }

    @Test
    void fails_the_consumer_on_a_virtual_machine_error_even_when_wrapped() {
        assertThat(classifier.classify(new OutOfMemoryError("heap"))).isEqualTo(Verdict.FATAL);
        assertThat(classifier.classify(new RuntimeException(new NonRetryableException("x", new StackOverflowError()))))
                .isEqualTo(Verdict.FATAL);
    }

    @Test
    void treats_other_errors_as_failures_of_the_record() {
        assertThat(classifier.classify(new AssertionError("a handler's assert"))).isEqualTo(Verdict.RETRYABLE);
        assertThat(classifier.classify(new NoClassDefFoundError("com/example/Gone"))).isEqualTo(Verdict.RETRYABLE);
    }

    @Test
    void ends_a_cyclic_or_broken_cause_chain_instead_of_looping() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);
        RuntimeException broken = new RuntimeException("broken") {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("getCause() broke");
            }
        };

        assertThat(classifier.classify(first)).isEqualTo(Verdict.RETRYABLE);
        assertThat(classifier.classify(broken)).isEqualTo(Verdict.RETRYABLE);
    }
}
