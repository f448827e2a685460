package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.domain.PartitionProgress;
import io.kafkify.consumers.infrastructure.HeldRecords.Delivery;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What a share member reports of the records it holds: its partitions, the age of the oldest held record, stuck work. */
class HeldRecordsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final PartitionId MAIL_0 = new PartitionId("mail", 0);
    private static final PartitionId MAIL_1 = new PartitionId("mail", 1);
    private static final PartitionId AUDIT_0 = new PartitionId("audit", 0);

    private final HeldRecords held = new HeldRecords(Duration.ofSeconds(10));

    private static Delivery delivery(PartitionId partition, long offset, long acquiredAt) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                null, new byte[0]);
        return new Delivery(Delivery.key(record), record, acquiredAt);
    }

    @Test
    void the_partitions_held_are_reported_sorted_with_their_count_and_the_age_of_the_oldest_record() {
        held.add(delivery(MAIL_1, 7, 0));
        held.add(delivery(MAIL_0, 3, SECOND));
        held.add(delivery(MAIL_0, 4, 2 * SECOND));
        held.add(delivery(AUDIT_0, 0, 3 * SECOND));

        HeldRecords.Snapshot snapshot = held.snapshot(5 * SECOND);

        assertThat(snapshot.partitions()).containsExactly(AUDIT_0, MAIL_0, MAIL_1);
        assertThat(snapshot.progress()).extracting(PartitionProgress::partition, PartitionProgress::buffered,
                PartitionProgress::oldestUnfinishedAge).containsExactly(
                        tuple(AUDIT_0, 1, Duration.ofSeconds(2)),
                        tuple(MAIL_0, 2, Duration.ofSeconds(4)),
                        tuple(MAIL_1, 1, Duration.ofSeconds(5)));
        assertThat(snapshot.stuck()).isEmpty();
    }

    @Test
    void a_share_member_reports_no_committable_offset_nor_lag() {
        held.add(delivery(MAIL_0, 3, 0));

        PartitionProgress progress = held.snapshot(SECOND).progress().get(0);

        assertThat(progress.committable()).isEqualTo(-1);
        assertThat(progress.endOffset()).isEqualTo(-1);
        assertThat(progress.committedLag()).isZero();
        assertThat(progress.committableStill()).isZero();
    }

    @Test
    void the_age_moves_to_the_next_oldest_record_once_the_oldest_is_acknowledged_and_a_partition_left_empty_goes() {
        held.add(delivery(MAIL_0, 3, 0));
        held.add(delivery(MAIL_0, 4, 2 * SECOND));
        held.add(delivery(MAIL_1, 9, 0));

        held.remove(Delivery.key("mail", 0, 3));
        held.remove(Delivery.key("mail", 1, 9));
        held.remove(Delivery.key("mail", 1, 9));

        HeldRecords.Snapshot snapshot = held.snapshot(5 * SECOND);
        assertThat(snapshot.partitions()).containsExactly(MAIL_0);
        assertThat(snapshot.progress().get(0).oldestUnfinishedAge()).isEqualTo(Duration.ofSeconds(3));
        assertThat(held.get(Delivery.key("mail", 0, 4))).isNotNull();
        assertThat(held.get(Delivery.key("mail", 0, 3))).isNull();
    }

    @Test
    void a_record_held_longer_than_max_unfinished_age_makes_its_partition_stuck_until_it_is_acknowledged() {
        held.add(delivery(MAIL_0, 42, 0));
        held.add(delivery(MAIL_1, 1, 5 * SECOND));

        assertThat(held.snapshot(10 * SECOND).stuck()).as("at the maximum, not past it").isEmpty();
        HeldRecords.Snapshot late = held.snapshot(11 * SECOND);
        assertThat(late.stuck()).singleElement().satisfies(stuck -> {
            assertThat(stuck.partition()).isEqualTo(MAIL_0);
            assertThat(stuck.reason()).isEqualTo("its oldest unfinished record (offset 42) has been held 11000 ms, "
                    + "longer than maxUnfinishedAge (10000 ms)");
        });

        held.remove(Delivery.key("mail", 0, 42));
        assertThat(held.snapshot(11 * SECOND).stuck()).isEmpty();
    }

    @Test
    void cleared_it_holds_nothing() {
        held.add(delivery(MAIL_0, 1, 0));
        assertThat(held.isEmpty()).isFalse();

        held.clear();

        assertThat(held.isEmpty()).isTrue();
        assertThat(held.snapshot(100 * SECOND)).isEqualTo(HeldRecords.Snapshot.NONE);
    }
}
