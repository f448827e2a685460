package io.kafkify.consumers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void has_nothing_to_commit_before_a_record_finishes() {
        tracker.track(10);

        assertThat(tracker.committable()).isEqualTo(-1);
    }

    @Test
    void commits_the_offset_after_the_last_finished_record() {
        tracker.track(10).finish();
        tracker.track(11).finish();

        assertThat(tracker.committable()).isEqualTo(12);
        assertThat(tracker.pending()).isZero();
    }

    @Test
    void never_commits_past_an_unfinished_record() {
        OffsetTracker.Ticket first = tracker.track(0);
        tracker.track(1).finish();
        tracker.track(2).finish();

        assertThat(tracker.committable()).isEqualTo(-1);

        first.finish();
        assertThat(tracker.committable()).isEqualTo(3);
    }

    @Test
    void commits_out_of_order_completions_once_the_gap_closes() {
        OffsetTracker.Ticket a = tracker.track(5);
        OffsetTracker.Ticket b = tracker.track(7);
        OffsetTracker.Ticket c = tracker.track(9);
        c.finish();
        a.finish();
        assertThat(tracker.committable()).isEqualTo(6);

        b.finish();
        assertThat(tracker.committable()).isEqualTo(10);
    }

    @Test
    void rejects_offsets_out_of_order() {
        tracker.track(5);

        assertThatThrownBy(() -> tracker.track(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void committed_offset_is_always_the_lowest_unfinished_offset_under_random_completion_order() {
        long seed = Long.getLong("kafkify.test.seed", 20_261_126L); // printed in every failure message
        Random random = new Random(seed);
        for (int run = 0; run < 200; run++) {
            OffsetTracker fresh = new OffsetTracker();
            List<OffsetTracker.Ticket> tickets = new ArrayList<>();
            long offset = random.nextInt(100);
            for (int i = 0; i < 50; i++) {
                offset += 1 + random.nextInt(3);
                tickets.add(fresh.track(offset));
            }
            List<OffsetTracker.Ticket> order = new ArrayList<>(tickets);
            Collections.shuffle(order, random);
            for (OffsetTracker.Ticket ticket : order) {
                ticket.finish();
                long committable = fresh.committable();
                long expected = tickets.stream().filter(t -> !t.isFinished()).findFirst()
                        .map(t -> {
                            int index = tickets.indexOf(t);
                            return index == 0 ? -1L : tickets.get(index - 1).offset() + 1;
                        })
                        .orElse(tickets.get(tickets.size() - 1).offset() + 1);
                assertThat(committable).as("seed %d run %d", seed, run).isEqualTo(expected);
            }
        }
    }
}
