package io.kafkify.consumers.engine;

import io.kafkify.consumers.domain.CodeExtractor;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.engine.internal.DeliveryCore;
import io.kafkify.consumers.engine.internal.RecordProcessor;
import io.kafkify.consumers.engine.spi.Acknowledgement;
import io.kafkify.consumers.engine.spi.DeadLetterPublisher;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.engine.spi.EngineState;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.engine.spi.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The processing core for sources that acknowledge each record on its own, as Kafka share groups
 * (KIP-932) do, where {@link ProcessingEngine}'s model (one committable offset per partition) does
 * not apply. The record processing is the same: decoding, routing, typed and validated payloads,
 * the retry classification, dead letters and observers; what differs is the result, an
 * {@link Acknowledgement} per delivery instead of an offset.
 *
 * <ul>
 *   <li>Handled, taken by no handler (unless {@code deadLetterUnrouted}), skipped by SKIP:
 *       {@link Acknowledgement#ACCEPT}.</li>
 *   <li>A retryable failure with attempts left ({@code maxAttempts}, counted by the broker's delivery
 *       count) and not on the group's last delivery: {@linkplain Acknowledgement#releaseAfter released
 *       after the backoff}, for another delivery.</li>
 *   <li>Otherwise the failure policy: DEAD_LETTER publishes to the dead-letter topic and accepts only
 *       once the publish is acknowledged (a failed publish is retried with backoff until the consumer
 *       stops); SKIP accepts; REJECT rejects, and the broker archives the record. STOP is refused:
 *       a share group has no partition of its own to halt.</li>
 *   <li>A {@link VirtualMachineError} releases the record and fails the consumer ({@link #fatal()}).</li>
 * </ul>
 *
 * <p>Threading: register handlers before the first {@link #process}, from one thread;
 * {@link #process} then runs on handler threads, several at once; the rest on any thread.
 */
public final class AcknowledgingEngine {

    private final RecordProcessor processor;
    private final DeliveryCore core;

    private AcknowledgingEngine(Builder builder) {
        this.processor = new RecordProcessor(builder.keyDecoder, builder.valueDecoder, builder.codeExtractor,
                builder.binder);
        this.core = new DeliveryCore(processor, builder.policy, builder.deadLetters, List.copyOf(builder.observers),
                builder.scheduler, builder.random);
    }

    /**
     * @param policy attempts, backoff and the failure policy; its ordering and concurrency are the
     *     adapter's business
     * @return a builder; the decoders, the scheduler and the dead-letter publisher are required
     */
    public static Builder builder(ProcessingPolicy policy) {
        return new Builder(policy);
    }

    /**
     * @param registration the handler, its topic and its codes
     * @throws io.kafkify.consumers.domain.DuplicateHandlerException naming both handlers
     */
    public void register(HandlerRegistration registration) {
        processor.register(registration);
    }

    /** @return the topics that have handlers, the ones to subscribe to */
    public Set<String> topics() {
        return processor.topics();
    }

    /** @return true when no handler is registered */
    public boolean hasNoHandlers() {
        return processor.hasNoHandlers();
    }

    /**
     * Handles one delivery of a record, on the calling thread, and says how to acknowledge it. The
     * handler sees the delivery count in {@link io.kafkify.consumers.domain.Message#deliveryCount()}.
     *
     * @param record the record
     * @param deliveryCount the broker's delivery count, from 1 (the attempt's number)
     * @param deliveryLimit the group's delivery limit, so that a failure on the last delivery goes
     *     to the failure policy rather than back to a broker that would archive it; 0 for none
     * @param halted whether the consumer is stopping: a retry or a dead letter's publish then gives
     *     the record back at once
     * @return the acknowledgement
     */
    public Acknowledgement process(RawRecord record, int deliveryCount, int deliveryLimit, BooleanSupplier halted) {
        return core.process(record, deliveryCount, deliveryLimit, halted);
    }

    /**
     * @param held records the adapter holds that have not started yet, reported as buffered
     * @return the counts of outcomes and the last error; no partition is stopped, none is tracked
     */
    public EngineState state(int held) {
        return core.state(held);
    }

    /** @return the error that fails the consumer (a handler's {@link VirtualMachineError}), or null */
    public @Nullable Throwable fatal() {
        return core.fatal();
    }

    /** @param reason the adapter's own trouble (a poll or an acknowledgement that failed), readable */
    public void reportError(String reason) {
        core.reportError(reason);
    }

    /** How an {@link AcknowledgingEngine} is built. Not thread-safe. */
    public static final class Builder {
        private final ProcessingPolicy policy;
        private @Nullable Decoder keyDecoder;
        private @Nullable Decoder valueDecoder;
        private @Nullable CodeExtractor codeExtractor;
        private @Nullable PayloadBinder binder;
        private @Nullable Scheduler scheduler;
        private @Nullable DeadLetterPublisher deadLetters;
        private final List<EngineObserver> observers = new ArrayList<>();
        private Random random = new Random();

        private Builder(ProcessingPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /**
         * @param keys decodes keys
         * @param values decodes values
         * @param codes reads the routing code from a decoded value
         * @param payloads binds values for typed handlers
         * @return this builder
         */
        public Builder decoding(Decoder keys, Decoder values, CodeExtractor codes, PayloadBinder payloads) {
            this.keyDecoder = Objects.requireNonNull(keys, "keys");
            this.valueDecoder = Objects.requireNonNull(values, "values");
            this.codeExtractor = Objects.requireNonNull(codes, "codes");
            this.binder = Objects.requireNonNull(payloads, "payloads");
            return this;
        }

        /**
         * @param time the clock of the attempts' durations ({@link SystemScheduler} in production)
         * @return this builder
         */
        public Builder scheduler(Scheduler time) {
            this.scheduler = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * @param publisher publishes dead letters
         * @return this builder
         */
        public Builder deadLetters(DeadLetterPublisher publisher) {
            this.deadLetters = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        /**
         * @param engineObserver told of attempts and outcomes; call once per observer
         * @return this builder
         */
        public Builder observer(EngineObserver engineObserver) {
            observers.add(Objects.requireNonNull(engineObserver, "engineObserver"));
            return this;
        }

        /**
         * @param jitter draws retry jitter (a seeded one for deterministic tests)
         * @return this builder
         */
        public Builder random(Random jitter) {
            this.random = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        /**
         * @return the engine
         * @throws IllegalArgumentException for the STOP failure policy
         */
        public AcknowledgingEngine build() {
            Objects.requireNonNull(keyDecoder, "decoders: call decoding(...)");
            Objects.requireNonNull(scheduler, "scheduler: call scheduler(...)");
            Objects.requireNonNull(deadLetters, "deadLetters: call deadLetters(...)");
            return new AcknowledgingEngine(this);
        }
    }
}
