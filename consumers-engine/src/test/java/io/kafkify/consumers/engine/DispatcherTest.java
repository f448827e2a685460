package io.kafkify.consumers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.CodeExtractor;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.MessageHandler;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    private static final String TOPIC = "events";

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<DeadLetter> deadLetters = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ProcessingPolicy policy = new ProcessingPolicy(Ordering.PARTITION, 4, 3, Duration.ofMillis(1),
            Duration.ofMillis(5), FailurePolicy.DEAD_LETTER, ".DLT", false, java.util.Set.of());
    private DeadLetterPublisher publisher = deadLetters::add;
    private CountDownLatch publishFailures = new CountDownLatch(1);
    private MessageHandler handlerUnderTest = message -> { };
    private final List<RecordOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger drained = new AtomicInteger();

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void keeps_key_order_and_never_commits_past_an_unfinished_record_under_random_delays() {
        long seed = Long.getLong("kafkify.test.seed", 20_261_126L); // printed in every failure message
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
    void dispatches_a_polled_batch_to_its_lanes_keeping_key_order() {
        Map<String, List<Long>> seenPerKey = new ConcurrentHashMap<>();
        Dispatcher dispatcher = dispatcher(Ordering.KEY, 8, message -> {
            LockSupport.parkNanos(ThreadLocalRandomDelay.nanos());
            seenPerKey.computeIfAbsent(String.valueOf(message.key()),
                    k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(message.offset());
        });
        List<RawRecord> batch = new java.util.ArrayList<>();
        for (int offset = 0; offset < 400; offset++) {
            batch.add(record(1, offset, offset % 7 == 0 ? null : "key-" + offset % 13));
        }

        assertThat(dispatcher.dispatchAll(new PartitionId(TOPIC, 1), batch)).isEqualTo(400);
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.buffered() == 0);

        assertThat(seenPerKey.values().stream().mapToInt(List::size).sum()).isEqualTo(400);
        assertThat(seenPerKey).as("13 keys and the records without one").hasSize(14);
        assertThat(deadLetters).isEmpty();
        seenPerKey.forEach((key, offsets) -> assertThat(offsets).as(key).isSorted());
        assertThat(dispatcher.commitReady()).containsEntry(new PartitionId(TOPIC, 1), 400L);
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
    void stop_policy_halts_a_partition_at_a_failed_record_and_commits_only_below_it() {
        policy = policy.withFailurePolicy(FailurePolicy.STOP);
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 4, message -> {
            if (message.offset() == 3) {
                throw new IllegalStateException("boom");
            }
        });
        for (int offset = 0; offset < 10; offset++) {
            dispatcher.dispatch(record(0, offset, null));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.buffered() == 0);

        assertThat(dispatcher.stopped()).singleElement().satisfies(stopped -> {
            assertThat(stopped.partition()).isEqualTo(new PartitionId(TOPIC, 0));
            assertThat(stopped.offset()).isEqualTo(3);
            assertThat(stopped.reason()).contains("boom");
        });
        assertThat(dispatcher.commitReady()).containsEntry(new PartitionId(TOPIC, 0), 3L);
        assertThat(outcomes).filteredOn(RecordOutcome.Handled.class::isInstance).hasSize(3);
        assertThat(outcomes).filteredOn(RecordOutcome.Failed.class::isInstance).hasSize(3);
        assertThat(dispatcher.dispatch(record(0, 10, null))).as("a stopped partition takes nothing").isFalse();

        assertThat(dispatcher.reset(new PartitionId(TOPIC, 0))).isEqualTo(3);
        assertThat(dispatcher.stopped()).isEmpty();
        assertThat(dispatcher.dispatch(record(0, 3, null))).as("fetched again from the failed record").isTrue();
    }

    @Test
    void retries_a_failing_record_then_handles_the_records_behind_it_in_order() {
        Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<Long> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 4, message -> {
            if (message.offset() == 2 && attempts.computeIfAbsent(2L, k -> new AtomicInteger()).incrementAndGet() < 3) {
                throw new IllegalStateException("flaky");
            }
            handled.add(message.offset());
        });
        for (int offset = 0; offset < 5; offset++) {
            dispatcher.dispatch(record(0, offset, null));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.buffered() == 0);

        assertThat(handled).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(outcomes).filteredOn(RecordOutcome.Failed.class::isInstance)
                .extracting(outcome -> ((RecordOutcome.Failed) outcome).willRetry()).containsExactly(true, true);
        assertThat(dispatcher.commitReady()).containsEntry(new PartitionId(TOPIC, 0), 5L);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void dead_letters_a_record_after_its_last_attempt_with_every_header_then_commits_past_it() {
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 4, message -> {
            if (message.offset() == 1) {
                throw new IllegalStateException("always broken");
            }
        });
        for (int offset = 0; offset < 3; offset++) {
            dispatcher.dispatch(record(0, offset, "k" + offset));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.buffered() == 0);

        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(TOPIC + ".DLT");
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("k1");
            assertThat(dead.header(DeadLetter.ORIGINAL_TOPIC)).isEqualTo(TOPIC);
            assertThat(dead.header(DeadLetter.ORIGINAL_PARTITION)).isEqualTo("0");
            assertThat(dead.header(DeadLetter.ORIGINAL_OFFSET)).isEqualTo("1");
            assertThat(dead.header(DeadLetter.ORIGINAL_TIMESTAMP)).isEqualTo("0");
            assertThat(dead.header(DeadLetter.EXCEPTION_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(dead.header(DeadLetter.EXCEPTION_MESSAGE)).isEqualTo("always broken");
            assertThat(dead.header(DeadLetter.ATTEMPTS)).isEqualTo("3");
        });
        assertThat(outcomes).filteredOn(RecordOutcome.DeadLettered.class::isInstance).hasSize(1);
        assertThat(dispatcher.commitReady()).containsEntry(new PartitionId(TOPIC, 0), 3L);
    }

    @Test
    void does_not_retry_a_payload_failure_or_a_declared_non_retryable_exception() {
        policy = new ProcessingPolicy(Ordering.PARTITION, 4, 5, Duration.ZERO, Duration.ZERO,
                FailurePolicy.DEAD_LETTER, ".DLT", false, java.util.Set.of(UnsupportedOperationException.class));
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 4, message -> {
            if (message.offset() == 0) {
                throw new io.kafkify.consumers.domain.PayloadException("email: must be a well-formed email address");
            }
            if (message.offset() == 1) {
                throw new IllegalStateException("wrapped", new UnsupportedOperationException("never"));
            }
            throw new io.kafkify.consumers.domain.NonRetryableException("business rule");
        });
        for (int offset = 0; offset < 3; offset++) {
            dispatcher.dispatch(record(0, offset, null));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.buffered() == 0);

        assertThat(outcomes).filteredOn(RecordOutcome.Failed.class::isInstance).hasSize(3)
                .allSatisfy(failed -> assertThat(((RecordOutcome.Failed) failed).retryable())
                        .as("reported as not retryable, declared types included").isFalse());
        assertThat(deadLetters).extracting(dead -> dead.header(DeadLetter.ATTEMPTS)).containsExactly("1", "1", "1");
        assertThat(deadLetters.get(0).header(DeadLetter.EXCEPTION_MESSAGE))
                .isEqualTo("email: must be a well-formed email address");
    }

    @Test
    void never_commits_past_a_dead_letter_that_could_not_be_published_and_publishes_it_again() {
        AtomicInteger publishAttempts = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean topicBack = new java.util.concurrent.atomic.AtomicBoolean();
        publisher = deadLetter -> {
            publishAttempts.incrementAndGet();
            if (!topicBack.get()) {
                throw new IllegalStateException("dead-letter topic unavailable");
            }
            deadLetters.add(deadLetter);
        };
        policy = new ProcessingPolicy(Ordering.PARTITION, 4, 1, Duration.ofMillis(1), Duration.ofMillis(5),
                FailurePolicy.DEAD_LETTER, ".DLT", false, java.util.Set.of());
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 4, message -> {
            if (message.offset() == 0) {
                throw new IllegalStateException("broken");
            }
        });
        dispatcher.dispatch(record(0, 0, null));
        dispatcher.dispatch(record(0, 1, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> publishAttempts.get() >= 3);
        assertThat(dispatcher.commitReady()).as("nothing committed while the publish fails").isEmpty();
        assertThat(dispatcher.buffered()).isEqualTo(2);

        topicBack.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.buffered() == 0);

        assertThat(deadLetters).hasSize(1);
        assertThat(dispatcher.commitReady()).containsEntry(new PartitionId(TOPIC, 0), 2L);
    }

    @Test
    void skip_policy_commits_past_a_failed_record_and_counts_it() {
        policy = policy.withFailurePolicy(FailurePolicy.SKIP);
        Dispatcher dispatcher = dispatcher(Ordering.PARTITION, 4, message -> {
            throw new IllegalStateException("nope");
        });
        dispatcher.dispatch(record(0, 0, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.buffered() == 0);

        assertThat(outcomes).filteredOn(RecordOutcome.Skipped.class::isInstance).hasSize(1);
        assertThat(deadLetters).isEmpty();
        assertThat(dispatcher.commitReady()).containsEntry(new PartitionId(TOPIC, 0), 1L);
    }

    @Test
    void dead_letters_unrouted_records_when_asked_to() {
        policy = new ProcessingPolicy(Ordering.PARTITION, 4, 3, Duration.ZERO, Duration.ZERO,
                FailurePolicy.DEAD_LETTER, "-dead", true, java.util.Set.of());
        RecordProcessor processor = processor();
        Dispatcher dispatcher = dispatcher(processor, "other-topic");
        dispatcher.dispatch(record(0, 0, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.buffered() == 0);

        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(TOPIC + "-dead");
            assertThat(dead.header(DeadLetter.EXCEPTION_CLASS)).isEqualTo("unrouted");
        });
        assertThat(dispatcher.commitReady()).containsEntry(new PartitionId(TOPIC, 0), 1L);
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
        policy = new ProcessingPolicy(ordering, maxConcurrency, policy.maxAttempts(), policy.retryBackoff(),
                policy.maxRetryBackoff(), policy.failurePolicy(), policy.deadLetterSuffix(),
                policy.deadLetterUnrouted(), policy.nonRetryable());
        handlerUnderTest = handler;
        return dispatcher(processor(), TOPIC);
    }

    private static RecordProcessor processor() {
        io.kafkify.consumers.domain.Decoder text = (topic, headers, data) ->
                data == null ? null : new String(data, StandardCharsets.UTF_8);
        return new RecordProcessor(text, text, CodeExtractor.JSON_CODE_FIELD,
                new io.kafkify.consumers.domain.PayloadBinder() {
                    @Override
                    public <T> T bind(io.kafkify.consumers.domain.Message message, Class<T> type) {
                        throw new UnsupportedOperationException("no typed handlers here");
                    }
                });
    }

    private Dispatcher dispatcher(RecordProcessor processor, String handledTopic) {
        processor.register(new HandlerRegistration.Plain(handledTopic, List.of(), handlerUnderTest, "test handler"));
        return new Dispatcher(processor, policy, executor,
                (task, delay) -> scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                deadLetter -> publisher.publish(deadLetter), new Dispatcher.Listener() {
            @Override
            public void onOutcome(RecordOutcome outcome) {
                outcomes.add(outcome);
            }

            @Override
            public void onPublishFailed(DeadLetter deadLetter, Exception error) {
                publishFailures.countDown();
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
