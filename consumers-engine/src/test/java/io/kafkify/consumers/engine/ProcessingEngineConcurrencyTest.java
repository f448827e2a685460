package io.kafkify.consumers.engine;

import static io.kafkify.consumers.engine.EngineFixture.partition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine on real threads: the same invariants as the simulation (order per lane, the
 * concurrency bound, no commit past an unfinished record), under the JVM's own scheduling.
 */
class ProcessingEngineConcurrencyTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final SystemScheduler scheduler = new SystemScheduler("test-retries");

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
        scheduler.close();
    }

    @Test
    void keeps_key_order_and_never_offers_a_commit_past_an_unfinished_record() {
        long seed = Long.getLong("kafkify.test.seed", 20_261_201L);
        Random random = new Random(seed);
        Map<String, List<Long>> seenPerKey = new ConcurrentHashMap<>();
        Map<Long, Boolean> finished = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ProcessingEngine engine = engine(Ordering.KEY, 8, message -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            LockSupport.parkNanos(random.nextInt(200_000));
            seenPerKey.computeIfAbsent(String.valueOf(message.key()), k -> new CopyOnWriteArrayList<>())
                    .add(message.offset());
            finished.put(message.offset(), true);
            running.decrementAndGet();
        });
        PartitionId id = partition(0);
        engine.assign(List.of(id));
        long offset = 0;
        while (offset < 2_000) {
            List<RawRecord> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++, offset++) {
                batch.add(record(0, offset, "key-" + random.nextInt(20)));
            }
            engine.accept(id, batch);
            assertCommitNeverPassesUnfinished(engine.commitReady(), finished, seed);
        }

        await().atMost(Duration.ofSeconds(30)).until(engine::isIdle);

        assertCommitNeverPassesUnfinished(engine.commitReady(), finished, seed);
        assertThat(finished).hasSize(2_000);
        assertThat(mostAtOnce.get()).as("seed %d", seed).isLessThanOrEqualTo(8);
        seenPerKey.forEach((key, offsets) -> assertThat(offsets).as("seed %d: %s", seed, key).isSorted());
    }

    @Test
    void handles_one_record_at_a_time_per_partition_in_offset_order() {
        Map<Integer, List<Long>> seen = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        ProcessingEngine engine = engine(Ordering.PARTITION, 16, message -> {
            AtomicInteger inPartition = running.computeIfAbsent(message.partition(), p -> new AtomicInteger());
            if (inPartition.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            LockSupport.parkNanos(50_000);
            seen.computeIfAbsent(message.partition(), p -> new CopyOnWriteArrayList<>()).add(message.offset());
            inPartition.decrementAndGet();
        });
        List<PartitionId> partitions = List.of(partition(0), partition(1), partition(2), partition(3));
        engine.assign(partitions);
        for (int p = 0; p < 4; p++) {
            List<RawRecord> batch = new ArrayList<>();
            for (int offset = 0; offset < 200; offset++) {
                batch.add(record(p, offset, "k" + offset));
            }
            engine.accept(partitions.get(p), batch);
        }

        await().atMost(Duration.ofSeconds(30)).until(engine::isIdle);

        assertThat(overlaps).hasValue(0);
        assertThat(seen).hasSize(4).allSatisfy((p, offsets) -> assertThat(offsets).hasSize(200).isSorted());
        assertThat(engine.commitReady()).hasSize(4).containsEntry(partition(2), 200L);
    }

    private ProcessingEngine engine(Ordering ordering, int maxConcurrency,
                                    io.kafkify.consumers.domain.MessageHandler handler) {
        ProcessingPolicy policy = new ProcessingPolicy(ordering, maxConcurrency, 3, Duration.ofMillis(1),
                Duration.ofMillis(5), io.kafkify.consumers.domain.FailurePolicy.DEAD_LETTER, ".DLT", false,
                java.util.Set.of());
        ProcessingEngine engine = ProcessingEngine.builder(policy)
                .decoding((topic, headers, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8),
                        (topic, headers, data) -> data, value -> null, new io.kafkify.consumers.domain.PayloadBinder() {
                            @Override
                            public <T> T bind(io.kafkify.consumers.domain.Message message, Class<T> type) {
                                throw new UnsupportedOperationException();
                            }
                        })
                .executor(executor).scheduler(scheduler).deadLetters(deadLetter -> { }).bounds(10_000, 500).build();
        engine.register(new io.kafkify.consumers.domain.HandlerRegistration.Plain(EngineFixture.TOPIC, List.of(),
                handler, "test handler"));
        return engine;
    }

    private static RawRecord record(int partition, long offset, String key) {
        return new RawRecord(EngineFixture.TOPIC, partition, offset, Instant.EPOCH,
                key.getBytes(StandardCharsets.UTF_8), new byte[] {1}, List.of());
    }

    private static void assertCommitNeverPassesUnfinished(Map<PartitionId, Long> offers, Map<Long, Boolean> finished,
                                                         long seed) {
        for (Long committed : offers.values()) {
            for (long offset = 0; offset < committed; offset++) {
                assertThat(finished).as("seed %d: offered %d past unfinished %d", seed, committed, offset)
                        .containsKey(offset);
            }
        }
    }
}
