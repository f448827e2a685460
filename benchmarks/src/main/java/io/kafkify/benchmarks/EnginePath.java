package io.kafkify.benchmarks;

import io.kafkify.consumers.domain.CodeExtractor;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PayloadBinder;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.engine.ProcessingEngine;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import io.kafkify.consumers.engine.SystemScheduler;
import io.kafkify.consumers.infrastructure.JsonValueDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scenario 4's engine arms: a poll's worth of records through the {@link ProcessingEngine} as the
 * Kafka adapter hands them over (accept, lanes, route, handle, finish, one commit offer), on the
 * calling thread, with the scenario 1 workload. The records are built once; after each batch the
 * partition is revoked and assigned again, so that the same offsets can be handed over again.
 *
 * <p>Not thread-safe: one instance per measuring thread.
 */
final class EnginePath {

    private static final String TOPIC = "orders";
    private static final PartitionId PARTITION = new PartitionId(TOPIC, 0);

    private final List<RawRecord> batch = new ArrayList<>(PerRecordWork.BATCH);
    private final SystemScheduler scheduler = new SystemScheduler("bench-engine-path");
    private final ProcessingEngine engine;

    /** @param decodeJson whether values are decoded as Kafkify does (to a Map), or their code is looked up */
    EnginePath(boolean decodeJson) {
        Map<byte[], String> codes = new IdentityHashMap<>();
        JsonValueDecoder json = new JsonValueDecoder();
        for (int i = 0; i < PerRecordWork.BATCH; i++) {
            byte[] value = Workload.value(i);
            codes.put(value, Message.codeOf(json.decode(value)));
            batch.add(new RawRecord(TOPIC, 0, i, Instant.EPOCH, null, value, List.of()));
        }
        Decoder noKey = (topic, headers, data) -> null;
        Decoder values = decodeJson ? json : (topic, headers, data) -> data;
        CodeExtractor extractor = decodeJson ? CodeExtractor.JSON_CODE_FIELD : value -> codes.get(value);
        ProcessingPolicy policy = new ProcessingPolicy(Ordering.PARTITION, 16, 3, Duration.ZERO, Duration.ZERO,
                FailurePolicy.DEAD_LETTER, ".DLT", false, Set.of());
        this.engine = ProcessingEngine.builder(policy)
                .decoding(noKey, values, extractor, new PayloadBinder() {
                    @Override
                    public <T> T bind(Message message, Class<T> type) {
                        throw new UnsupportedOperationException("no typed handlers in the benchmark");
                    }
                })
                .executor(Runnable::run)
                .scheduler(scheduler)
                .deadLetters(deadLetter -> { })
                .build();
        for (String code : Workload.CODES) {
            engine.register(new HandlerRegistration.Plain(TOPIC, List.of(code), message -> { }, "handler of " + code));
        }
        engine.assign(List.of(PARTITION));
    }

    /** @return the committed offset of one batch through the engine */
    long engineBatch() {
        engine.accept(PARTITION, batch);
        long committed = engine.commitReady().getOrDefault(PARTITION, -1L);
        engine.revoke(List.of(PARTITION), Duration.ZERO);
        engine.assign(List.of(PARTITION));
        return committed;
    }
}
