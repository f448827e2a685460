package io.kafkify.consumers.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.testkit.InMemoryConsumer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The meters on a real registry, over every way a record can end. */
class KafkifyMetricsTest {

    private static final String PEOPLE = "people-events";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private InMemoryConsumer consumerWithMetrics() {
        // tag::bind-metrics[]
        KafkifyMetrics metrics = new KafkifyMetrics(registry);
        InMemoryConsumer consumer = InMemoryConsumer.builder().observer(metrics).build();
        metrics.bindState(consumer::state);
        // end::bind-metrics[]
        consumer.get(PEOPLE, List.of("PERSON_CREATED"), message -> { });
        consumer.get(PEOPLE, List.of("BROKEN"), message -> {
            throw new IllegalStateException("the database is down");
        });
        return consumer;
    }

    private void sendOneOfEach(InMemoryConsumer consumer) {
        consumer.start();
        consumer.send(PEOPLE, "k", "{\"code\":\"PERSON_CREATED\"}");
        consumer.send(PEOPLE, "k", "{\"code\":\"BROKEN\"}");
        consumer.send(PEOPLE, "k", "{\"code\":\"NOBODY_HANDLES_THIS\"}");
        consumer.send(PEOPLE, "k", "not json, no code");
    }

    @Test
    void every_meter_name_keeps_one_set_of_tag_keys_over_success_failure_dead_letter_and_unrouted() {
        InMemoryConsumer consumer = consumerWithMetrics();
        sendOneOfEach(consumer);

        Map<String, Set<Set<String>>> keysByName = registry.getMeters().stream().collect(Collectors.groupingBy(
                meter -> meter.getId().getName(),
                Collectors.mapping(meter -> meter.getId().getTags().stream().map(Tag::getKey)
                        .collect(Collectors.toSet()), Collectors.toSet())));

        assertThat(keysByName).containsKeys(KafkifyMetrics.HANDLER, KafkifyMetrics.RECORDS, KafkifyMetrics.RETRIES,
                KafkifyMetrics.DEAD_LETTERS, KafkifyMetrics.IN_FLIGHT, KafkifyMetrics.BUFFERED, KafkifyMetrics.LAG,
                KafkifyMetrics.OLDEST_AGE);
        assertThat(keysByName).allSatisfy((name, keySets) -> assertThat(keySets).as(name).hasSize(1));
        assertThat(keysByName.get(KafkifyMetrics.HANDLER)).containsExactly(Set.of("topic", "code", "outcome"));
        assertThat(keysByName.get(KafkifyMetrics.RECORDS)).containsExactly(Set.of("topic", "code", "outcome"));
        assertThat(keysByName.get(KafkifyMetrics.LAG)).containsExactly(Set.of("topic", "partition"));
        consumer.stop();
    }

    @Test
    void the_meters_count_each_records_end_its_attempts_and_its_retries() {
        InMemoryConsumer consumer = consumerWithMetrics();
        sendOneOfEach(consumer);

        assertThat(count(KafkifyMetrics.RECORDS, "code", "PERSON_CREATED", "outcome", "handled")).isEqualTo(1);
        assertThat(count(KafkifyMetrics.RECORDS, "code", "BROKEN", "outcome", "dead_lettered")).isEqualTo(1);
        assertThat(count(KafkifyMetrics.RECORDS, "code", "NOBODY_HANDLES_THIS", "outcome", "unrouted")).isEqualTo(1);
        assertThat(count(KafkifyMetrics.RECORDS, "code", Tags.NO_CODE, "outcome", "unrouted")).isEqualTo(1);
        assertThat(count(KafkifyMetrics.DEAD_LETTERS, "code", "BROKEN")).isEqualTo(1);
        assertThat(count(KafkifyMetrics.RETRIES, "code", "BROKEN")).isEqualTo(2);
        assertThat(registry.get(KafkifyMetrics.HANDLER).tags("code", "BROKEN", "outcome", "failed").timer().count())
                .isEqualTo(3);
        assertThat(registry.get(KafkifyMetrics.HANDLER).tags("code", "PERSON_CREATED", "outcome", "handled").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get(KafkifyMetrics.IN_FLIGHT).gauge().value()).isZero();
        assertThat(registry.get(KafkifyMetrics.OLDEST_AGE).tags("topic", PEOPLE, "partition", "0").gauge().value())
                .isZero();
        consumer.stop();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void a_revoked_partitions_gauges_are_removed() {
        KafkifyMetrics metrics = new KafkifyMetrics(registry);
        io.kafkify.consumers.domain.PartitionId partition = new io.kafkify.consumers.domain.PartitionId(PEOPLE, 3);

        metrics.assigned(List.of(partition));
        assertThat(registry.find(KafkifyMetrics.LAG).meters()).hasSize(1);
        metrics.revoked(List.of(partition));

        assertThat(registry.find(KafkifyMetrics.LAG).meters()).isEmpty();
        assertThat(registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName))
                .doesNotContain(KafkifyMetrics.OLDEST_AGE);
    }
}
