package io.kafkify.consumers.infrastructure.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.CodeExtractor;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.MessageHandler;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.infrastructure.JacksonPayloadBinder;
import io.kafkify.consumers.infrastructure.JsonValueDecoder;
import io.kafkify.consumers.infrastructure.TextKeyDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static final String TOPIC = "events";

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<RecordOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger drained = new AtomicInteger();

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void keeps_key_order_and_never_commits_past_an_unfinished_record_under_random_delays() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int run = 0; run < 20; run++) {
            Map<String, List<Long>> seenPerKey = new ConcurrentHashMap<>();
            Map<Long, Boolean> finished = new ConcurrentHashMap<>();
            Dispatcher dispatcher = dispatcher(Ordering.KEY, 8, message -> {
                LockSupport.parkNanos(ThreadLocalRandomDelay.nanos());
                seenPerKey.computeIfAbsent((String) message.key(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(message.offset());
                finished.put(message.offset(), true);
            });
            int records = 300;
            for (int offset = 0; offset < records; offset++) {
                dispatcher.dispatch(record(0, offset, "key-" + random.nextInt(20)));
                assertCommitNeverPassesUnfinished(dispatcher, finished, seed);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.buffered() == 0);
            assertCommitNeverPassesUnfinished(dispatcher, finished, seed);
            seenPerKey.forEach((key, offsets) -> assertThat(offsets)
                    .as("seed %d: order of %s", seed, key).isSorted());
            assertThat(finished).as("seed %d", seed).hasSize(records);
        }
    }

    @Test
    void handles_one_record_at_a_time_in_offset_order_per_partition() {
        Map<Integer, List<Long>> seen = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 16, message -> {
            AtomicInteger inPartition = running.computeIfAbsent(message.partition(), p -> new AtomicInteger());
            if (inPartition.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            LockSupport.parkNanos(ThreadLocalRandomDelay.nanos());
            seen.computeIfAbsent(message.partition(), p -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(message.offset());
            inPartition.decrementAndGet();
        });
        for (int offset = 0; offset < 200; offset++) {
            for (int partition = 0; partition < 4; partition++) {
                dispatcher.dispatch(record(partition, offset, "k" + offset));
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.buffered() == 0);

        assertThat(overlaps).hasValue(0);
        assertThat(seen).hasSize(4).allSatisfy((partition, offsets) -> assertThat(offsets).hasSize(200).isSorted());
        assertThat(dispatcher.commitReady()).containsEntry(new PartitionId(TOPIC, 2), 200L);
    }

    @Test
    void never_runs_more_handlers_than_max_concurrency() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        Dispatcher dispatcher = dispatcher(Ordering.UNORDERED, 5, message -> {
            highest.accumulateAndGet(running.incrementAndGet(), Math::max);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            running.decrementAndGet();
        });
        for (int offset = 0; offset < 200; offset++) {
            dispatcher.dispatch(record(0, offset, null));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.buffered() == 0);

        assertThat(highest.get()).isBetween(2, 5);
    }

    @Test
    void halts_a_partition_at_a_failed_record_and_commits_only_below_it() {
        CountDownLatch failedSeen = new CountDownLatch(1);
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 4, message -> {
            if (message.offset() == 3) {
                failedSeen.countDown();
                throw new IllegalStateException("boom");
            }
        });
        for (int offset = 0; offset < 10; offset++) {
            dispatcher.dispatch(record(0, offset, null));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.buffered() == 0);

        assertThat(dispatcher.halted()).containsEntry(new PartitionId(TOPIC, 0), 3L);
        assertThat(dispatcher.commitReady()).containsEntry(new PartitionId(TOPIC, 0), 3L);
        assertThat(outcomes).filteredOn(RecordOutcome.Handled.class::isInstance).hasSize(3);
        assertThat(dispatcher.dispatch(record(0, 10, null))).as("a halted partition takes nothing").isFalse();

        assertThat(dispatcher.reset(new PartitionId(TOPIC, 0))).isEqualTo(3);
        assertThat(dispatcher.dispatch(record(0, 3, null))).as("fetched again from the failed record").isTrue();
    }

    @Test
    void revoke_waits_for_running_records_and_drops_waiting_ones() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 4, message -> {
            if (message.offset() == 0) {
                started.countDown();
                release.await();
            }
        });
        for (int offset = 0; offset < 5; offset++) {
            dispatcher.dispatch(record(0, offset, null));
        }
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        executor.execute(() -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            release.countDown();
        });

        Map<PartitionId, Long> committable = dispatcher.revoke(List.of(new PartitionId(TOPIC, 0)), Duration.ofSeconds(10));

        assertThat(committable).containsExactly(Map.entry(new PartitionId(TOPIC, 0), 1L));
        assertThat(dispatcher.buffered()).isZero();
        assertThat(outcomes).hasSize(1);
    }

    @Test
    void revoke_gives_up_after_its_timeout_without_committing_the_running_record() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 4, message -> release.await());
        dispatcher.dispatch(record(0, 0, null));

        Map<PartitionId, Long> committable = dispatcher.revoke(List.of(new PartitionId(TOPIC, 0)),
                Duration.ofMillis(50));

        assertThat(committable).isEmpty();
        release.countDown();
    }

    @Test
    void tells_when_the_buffer_drains_to_a_threshold() {
        CountDownLatch release = new CountDownLatch(1);
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 4, message -> release.await());
        for (int offset = 0; offset < 10; offset++) {
            dispatcher.dispatch(record(0, offset, null));
        }
        dispatcher.notifyWhenDrainedTo(2);
        assertThat(drained).hasValue(0);

        release.countDown();

        await().atMost(Duration.ofSeconds(10)).untilAtomic(drained, org.hamcrest.Matchers.equalTo(1));
    }

    private void assertCommitNeverPassesUnfinished(Dispatcher dispatcher, Map<Long, Boolean> finished, long seed) {
        for (Long committed : dispatcher.commitReady().values()) {
            for (long offset = 0; offset < committed; offset++) {
                assertThat(finished).as("seed %d: committed %d past unfinished %d", seed, committed, offset)
                        .containsKey(offset);
            }
        }
    }

    private Dispatcher dispatcher(Ordering ordering, int maxConcurrency, MessageHandler handler) {
        RecordProcessor processor = new RecordProcessor(new TextKeyDecoder(), new JsonValueDecoder(),
                CodeExtractor.JSON_CODE_FIELD, new JacksonPayloadBinder());
        processor.register(new HandlerRegistration.Plain(TOPIC, List.of(), handler, "test handler"));
        return new Dispatcher(processor, ordering, maxConcurrency, executor, new Dispatcher.Listener() {
            @Override
            public void onOutcome(RecordOutcome outcome) {
                outcomes.add(outcome);
            }

            @Override
            public void onHalted(PartitionId partition) {
            }

            @Override
            public void onDrained() {
                drained.incrementAndGet();
            }
        });
    }

    private static RawRecord record(int partition, long offset, String key) {
        return new RawRecord(TOPIC, partition, offset, Instant.EPOCH,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                ("{\"n\":" + offset + "}").getBytes(StandardCharsets.UTF_8), List.of());
    }

    /** Short random handler delays, so that lanes interleave differently on every run. */
    private static final class ThreadLocalRandomDelay {
        static long nanos() {
            return java.util.concurrent.ThreadLocalRandom.current().nextLong(0, 200_000);
        }
    }
}
