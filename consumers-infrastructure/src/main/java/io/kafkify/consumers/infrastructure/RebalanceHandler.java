package io.kafkify.consumers.infrastructure;

import java.util.Collection;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafkify's {@link ConsumerRebalanceListener}: it keeps the delivery guarantee across
 * rebalances, then calls the application's own listener, if any.
 *
 * <ul>
 *   <li>On revoke: stop starting records of the revoked partitions, drop their waiting records,
 *       wait (up to {@link KafkaConsumerConfig#revokeTimeout()}) for their running ones, and
 *       commit synchronously what finished. The next owner starts right after it.</li>
 *   <li>On lost: drop the partitions' records without committing: another member owns them
 *       already, and a commit would fail or, worse, overwrite its progress.</li>
 *   <li>On assign: start dispatching the partitions (paused at once if the consumer is
 *       holding back for memory).</li>
 * </ul>
 *
 * <p>Works with the classic protocol (eager or cooperative-sticky assignment) and with
 * {@code group.protocol=consumer}.
 *
 * <p>Threading: as Kafka's listener, it runs on the polling thread, inside {@code poll()}; a
 * revoke blocks that thread for at most the revoke timeout.
 */
public final class RebalanceHandler implements ConsumerRebalanceListener {

    /** What the adapter does when partitions move; implemented by the adapter. */
    interface Partitions {
        void revoked(Collection<TopicPartition> partitions);

        void lost(Collection<TopicPartition> partitions);

        void assigned(Collection<TopicPartition> partitions);
    }

    private final Partitions partitions;
    private final ConsumerRebalanceListener application;

    RebalanceHandler(Partitions partitions, ConsumerRebalanceListener application) {
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.application = application;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        partitions.revoked(revoked);
        if (application != null) {
            application.onPartitionsRevoked(revoked);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        partitions.lost(lost);
        if (application != null) {
            application.onPartitionsLost(lost);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        partitions.assigned(assigned);
        if (application != null) {
            application.onPartitionsAssigned(assigned);
        }
    }
}
