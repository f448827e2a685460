package io.kafkify.consumers.testkit;

import static io.kafkify.consumers.testkit.Records.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.RecordOutcome;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.infrastructure.RecordMdc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** What the in-memory adapter shows of running work: the MDC in a handler, observers, stuck partitions. */
class ObservabilityTest {

    @Test
    void a_handler_sees_its_records_topic_partition_offset_and_code_in_the_mdc_and_nothing_after() {
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        InMemoryConsumer consumer = new InMemoryConsumer();
        consumer.get(PEOPLE, List.of("PERSON_CREATED"), message -> seen.add(MDC.getCopyOfContextMap()));
        consumer.get(PEOPLE, message -> seen.add(MDC.getCopyOfContextMap()));
        consumer.start();

        consumer.send(PEOPLE, "k", "{\"code\":\"PERSON_CREATED\"}");
        consumer.send(PEOPLE, "k", "{\"name\":\"no code\"}");

        assertThat(seen.get(0)).containsExactlyInAnyOrderEntriesOf(Map.of(RecordMdc.TOPIC, PEOPLE,
                RecordMdc.PARTITION, "0", RecordMdc.OFFSET, "0", RecordMdc.CODE, "PERSON_CREATED"));
        assertThat(seen.get(1)).containsExactlyInAnyOrderEntriesOf(Map.of(RecordMdc.TOPIC, PEOPLE,
                RecordMdc.PARTITION, "0", RecordMdc.OFFSET, "1"));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
        consumer.stop();
    }

    @Test
    void an_observer_that_throws_costs_no_record_and_shows_in_the_last_error() {
        List<String> told = new CopyOnWriteArrayList<>();
        InMemoryConsumer consumer = InMemoryConsumer.builder().observer(new EngineObserver() {
            @Override
            public void outcome(RecordOutcome outcome) {
                throw new IllegalStateException("metrics are down");
            }
        }).observer(new EngineObserver() {
            @Override
            public void outcome(RecordOutcome outcome) {
                told.add(outcome.coordinates());
            }
        }).build();
        consumer.get(PEOPLE, message -> { });
        consumer.start();

        consumer.send(PEOPLE, "k", "{}");
        consumer.send(PEOPLE, "k", "{}");

        assertThat(consumer.handled()).hasSize(2);
        assertThat(told).containsExactly(PEOPLE + "-0@0", PEOPLE + "-0@1");
        assertThat(consumer.state().lastError()).contains("metrics are down");
        consumer.stop();
    }

    @Test
    void a_partition_held_by_a_hung_handler_is_stuck_and_unhealthy_until_the_work_moves() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService handlers = Executors.newFixedThreadPool(2);
        InMemoryConsumer consumer = InMemoryConsumer.builder().executor(handlers)
                .settings(s -> s.maxUnfinishedAge(Duration.ofMillis(300))).build();
        consumer.get(PEOPLE, message -> release.await(30, TimeUnit.SECONDS));
        consumer.start();
        consumer.send(PEOPLE, "k", "{}");
        consumer.send(PEOPLE, "k", "{}");

        await().atMost(Duration.ofSeconds(10)).until(() -> !consumer.state().healthy());
        ConsumerState stuck = consumer.state();
        assertThat(stuck.stuckPartitions()).singleElement().satisfies(partition -> {
            assertThat(partition.partition()).isEqualTo(new PartitionId(PEOPLE, 0));
            assertThat(partition.reason()).contains("oldest unfinished record (offset 0)").contains("maxUnfinishedAge");
        });
        assertThat(stuck.unhealthyReasons()).singleElement().asString().startsWith(PEOPLE + "-0 is stuck");
        assertThat(stuck.partitions()).singleElement().satisfies(p -> assertThat(p.buffered()).isEqualTo(2));

        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.state().healthy());
        assertThat(consumer.state().partitions()).singleElement()
                .satisfies(p -> assertThat(p.oldestUnfinishedAge()).isZero());
        consumer.stop();
        handlers.shutdownNow();
    }
}
