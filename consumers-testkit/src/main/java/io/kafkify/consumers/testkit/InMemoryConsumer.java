package io.kafkify.consumers.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.BaseConsumer;
import io.kafkify.consumers.domain.CodeExtractor;
import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.infrastructure.JacksonPayloadBinder;
import io.kafkify.consumers.infrastructure.JsonValueDecoder;
import io.kafkify.consumers.infrastructure.TextKeyDecoder;
import io.kafkify.consumers.infrastructure.engine.RawRecord;
import io.kafkify.consumers.infrastructure.engine.RecordProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link BaseConsumer} without Kafka, for unit tests of handlers. A test registers handlers
 * (directly or with a router), starts the consumer and {@link #send sends} records; each is
 * decoded, routed and handled by exactly the code the Kafka adapter runs, and the test reads
 * what was handled, what failed, what no handler took, and what was committed.
 *
 * <pre>{@code
 * InMemoryConsumer consumer = new InMemoryConsumer();
 * app.registerHandlers(consumer);
 * consumer.start();
 * consumer.sendJson("people-events", "42", Map.of("code", "PERSON_CREATED", "name", "Ada"));
 * assertThat(consumer.handled()).hasSize(1);
 * }</pre>
 *
 * <p>Records model a topic: each topic has one partition unless {@link Builder#partitions}
 * says otherwise (a keyed record always lands in the same partition), and offsets count up
 * from zero per partition. Records sent before {@link #start()} wait, like a backlog, and are
 * handled when it is called; records of a topic no handler is registered for are stored but
 * never consumed, as the Kafka adapter subscribes only to topics it has handlers for.
 *
 * <p>Commits follow the adapter's rule: a partition's committed offset is the offset after
 * the last record below which every record finished (handled, or taken by no handler). A
 * record whose handler failed is not finished: nothing past it is committed.
 *
 * <p>Threading: records are handled synchronously on the thread that calls {@code send} (or
 * {@code start}, for the backlog). All methods are thread-safe.
 */
public final class InMemoryConsumer implements BaseConsumer {

    private final RecordProcessor processor;
    private final ObjectMapper mapper;
    private final Map<String, Integer> partitionsPerTopic;
    private final Clock clock;

    private final Map<String, List<RawRecord>> log = new HashMap<>();
    private final Map<String, Integer> consumedPositions = new HashMap<>();
    private final Map<String, Long> nextOffsets = new HashMap<>();
    private final Map<String, PartitionCommits> commits = new HashMap<>();
    private final List<RecordOutcome> outcomes = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean started;
    private boolean stopping;

    /** An in-memory consumer with the default decoding (text keys, JSON values) and binding. */
    public InMemoryConsumer() {
        this(builder());
    }

    private InMemoryConsumer(Builder builder) {
        this.mapper = builder.mapper;
        this.processor = new RecordProcessor(builder.keyDecoder,
                builder.valueDecoder == null ? new JsonValueDecoder(builder.mapper) : builder.valueDecoder,
                builder.codeExtractor, new JacksonPayloadBinder(builder.mapper));
        this.partitionsPerTopic = Map.copyOf(builder.partitions);
        this.clock = builder.clock;
    }

    /** @return a builder for a consumer with other decoders, mapper or partition counts */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void register(HandlerRegistration registration) {
        if (started) {
            throw new ConsumerStateException("Cannot register " + registration.description()
                    + ": the consumer has started. Register every handler before start().");
        }
        processor.register(registration);
    }

    /** Starts consuming: handles the records sent so far. Calling it again is harmless. */
    @Override
    public synchronized void start() {
        if (started || stopping) {
            return;
        }
        started = true;
        for (String topic : processor.topics()) {
            consumeAvailable(topic);
        }
    }

    /**
     * Blocks until {@link #stop()}, like the Kafka adapter's poll loop; records are handled as
     * they are sent, so tests rarely need it.
     *
     * @throws ConsumerStateException when called before {@link #start()}
     */
    @Override
    public void listen() {
        synchronized (this) {
            if (!started && !stopping) {
                throw new ConsumerStateException("listen() was called before start(). Call start() first.");
            }
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops consuming; later records are stored but not handled. Idempotent. */
    @Override
    public synchronized void stop() {
        stopping = true;
        started = false;
        stopped.countDown();
    }

    /**
     * Sends a record with a UTF-8 key and value (either may be null).
     *
     * @return the outcome when the record was consumed at once; empty when it waits (the
     *     consumer has not started) or will never be consumed (no handler for its topic)
     */
    public Optional<RecordOutcome> send(String topic, String key, String value) {
        return send(topic, utf8(key), utf8(value), List.of());
    }

    /**
     * Sends a record whose value is the JSON serialization of {@code value} (a {@code Map},
     * a record, a list...).
     *
     * @return as {@link #send(String, String, String)}
     */
    public Optional<RecordOutcome> sendJson(String topic, String key, Object value) {
        try {
            return send(topic, utf8(key), mapper.writeValueAsBytes(value), List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Sends a record with raw bytes and headers.
     *
     * @return as {@link #send(String, String, String)}
     */
    public synchronized Optional<RecordOutcome> send(String topic, byte[] key, byte[] value,
                                                     List<MessageHeader> headers) {
        Objects.requireNonNull(topic, "topic");
        int partition = partitionOf(topic, key);
        String partitionKey = topic + "-" + partition;
        long offset = nextOffsets.merge(partitionKey, 1L, Long::sum) - 1;
        log.computeIfAbsent(topic, t -> new ArrayList<>()).add(new RawRecord(topic, partition, offset,
                clock.instant(), key == null ? null : key.clone(), value == null ? null : value.clone(),
                headers == null ? List.of() : List.copyOf(headers)));
        if (!started || !processor.topics().contains(topic)) {
            return Optional.empty();
        }
        List<RecordOutcome> produced = consumeAvailable(topic);
        return produced.isEmpty() ? Optional.empty() : Optional.of(produced.get(produced.size() - 1));
    }

    /**
     * The in-memory state: {@code RUNNING} between {@code start()} and {@code stop()}, the
     * partitions of subscribed topics that have records, the last failure and the counters.
     */
    @Override
    public synchronized ConsumerState state() {
        ConsumerStatus status = started ? ConsumerStatus.RUNNING : stopping ? ConsumerStatus.STOPPED
                : ConsumerStatus.STARTING;
        List<PartitionId> assigned = new ArrayList<>();
        if (started) {
            for (String partition : nextOffsets.keySet()) {
                int dash = partition.lastIndexOf('-');
                String topic = partition.substring(0, dash);
                if (processor.topics().contains(topic)) {
                    assigned.add(new PartitionId(topic, Integer.parseInt(partition.substring(dash + 1))));
                }
            }
            Collections.sort(assigned);
        }
        List<RecordOutcome.Failed> failures = failures();
        String lastError = failures.isEmpty() ? null : failures.get(failures.size() - 1).cause().toString();
        return new ConsumerState(status, assigned, lastError, handled().size(), unrouted().size(), failures.size(), 0);
    }

    /** @return every outcome, in the order the records were consumed */
    public synchronized List<RecordOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** @return the messages that a handler took and finished, in order */
    public synchronized List<Message> handled() {
        List<Message> handled = new ArrayList<>();
        for (RecordOutcome outcome : outcomes) {
            if (outcome instanceof RecordOutcome.Handled done) {
                handled.add(done.message());
            }
        }
        return handled;
    }

    /** @return the records that failed: undecodable, unbindable, or their handler threw */
    public synchronized List<RecordOutcome.Failed> failures() {
        List<RecordOutcome.Failed> failed = new ArrayList<>();
        for (RecordOutcome outcome : outcomes) {
            if (outcome instanceof RecordOutcome.Failed failure) {
                failed.add(failure);
            }
        }
        return failed;
    }

    /** @return the messages no handler took (logged and committed, as documented) */
    public synchronized List<Message> unrouted() {
        List<Message> unrouted = new ArrayList<>();
        for (RecordOutcome outcome : outcomes) {
            if (outcome instanceof RecordOutcome.Unrouted skipped) {
                unrouted.add(skipped.message());
            }
        }
        return unrouted;
    }

    /**
     * @param topic a topic
     * @param partition a partition
     * @return the committed offset (the next offset to consume), or empty when nothing of the
     *     partition has been committed
     */
    public synchronized OptionalLong committedOffset(String topic, int partition) {
        PartitionCommits partitionCommits = commits.get(topic + "-" + partition);
        return partitionCommits == null || partitionCommits.committed < 0
                ? OptionalLong.empty()
                : OptionalLong.of(partitionCommits.committed);
    }

    private List<RecordOutcome> consumeAvailable(String topic) {
        List<RawRecord> records = log.getOrDefault(topic, List.of());
        int position = consumedPositions.getOrDefault(topic, 0);
        List<RecordOutcome> produced = new ArrayList<>();
        for (; position < records.size(); position++) {
            RawRecord record = records.get(position);
            RecordOutcome outcome = processor.process(record);
            outcomes.add(outcome);
            produced.add(outcome);
            commits.computeIfAbsent(topic + "-" + record.partition(), k -> new PartitionCommits())
                    .finished(record.offset(), !(outcome instanceof RecordOutcome.Failed));
        }
        consumedPositions.put(topic, position);
        return produced;
    }

    private int partitionOf(String topic, byte[] key) {
        int partitions = partitionsPerTopic.getOrDefault(topic, 1);
        if (key == null || partitions == 1) {
            return 0;
        }
        return (java.util.Arrays.hashCode(key) & Integer.MAX_VALUE) % partitions;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Records of one partition arrive in offset order here, so one failure stops the commit for good. */
    private static final class PartitionCommits {
        private long committed = -1;
        private boolean blocked;

        void finished(long offset, boolean done) {
            if (!done) {
                blocked = true;
            }
            if (!blocked) {
                committed = offset + 1;
            }
        }
    }

    /** Settings of an {@link InMemoryConsumer}. */
    public static final class Builder {
        private Decoder keyDecoder = new TextKeyDecoder();
        private Decoder valueDecoder;
        private CodeExtractor codeExtractor = CodeExtractor.JSON_CODE_FIELD;
        private ObjectMapper mapper = new ObjectMapper();
        private final Map<String, Integer> partitions = new HashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** @param decoder decodes keys (default: UTF-8 text, else bytes) @return this builder */
        public Builder keyDecoder(Decoder decoder) {
            this.keyDecoder = Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /** @param decoder decodes values (default: JSON, text, bytes) @return this builder */
        public Builder valueDecoder(Decoder decoder) {
            this.valueDecoder = Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /** @param extractor reads codes from decoded values @return this builder */
        public Builder codeExtractor(CodeExtractor extractor) {
            this.codeExtractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /** @param objectMapper reads JSON and binds typed payloads @return this builder */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.mapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * @param topic a topic
         * @param count its number of partitions (default 1)
         * @return this builder
         */
        public Builder partitions(String topic, int count) {
            if (count < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, was " + count);
            }
            partitions.put(Objects.requireNonNull(topic, "topic"), count);
            return this;
        }

        /** @param timestamps the clock that stamps sent records @return this builder */
        public Builder clock(Clock timestamps) {
            this.clock = Objects.requireNonNull(timestamps, "timestamps");
            return this;
        }

        /** @return the consumer */
        public InMemoryConsumer build() {
            return new InMemoryConsumer(this);
        }
    }
}
