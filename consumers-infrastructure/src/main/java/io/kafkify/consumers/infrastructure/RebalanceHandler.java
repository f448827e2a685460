package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.engine.ProcessingEngine;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafkify's {@link ConsumerRebalanceListener}: it keeps the delivery guarantee across
 * rebalances, then calls the application's own listener, if any.
 *
 * <ul>
 *   <li>On revoke: no record of the revoked partitions starts any more, their waiting records
 *       and retries are dropped, their running ones are waited for (up to
 *       {@link KafkaConsumerConfig#revokeTimeout()}), and what finished is committed
 *       synchronously. A record that fails meanwhile is abandoned, not given to the failure
 *       policy: the next owner handles it again. The next owner starts right after.</li>
 *   <li>On lost: the partitions' records are dropped without a commit: another member owns them
 *       already, and a commit would fail or, worse, overwrite its progress.</li>
 *   <li>On assign: the engine starts taking the partitions' records, and they are paused at once
 *       if the buffer is full.</li>
 * </ul>
 *
 * <p>Works with the classic protocol (eager or cooperative-sticky assignment) and with
 * {@code group.protocol=consumer}.
 *
 * <p>Threading: as Kafka's listener, it runs on the polling thread, inside {@code poll()}; a
 * revoke blocks that thread for at most the revoke timeout.
 */
public final class RebalanceHandler implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(RebalanceHandler.class);

    private final ProcessingEngine engine;
    private final PartitionFlow flow;
    private final OffsetCommitter committer;
    private final Status status;
    private final String groupId;
    private final Duration revokeTimeout;
    private final @Nullable ConsumerRebalanceListener application;

    RebalanceHandler(ProcessingEngine engine, PartitionFlow flow, OffsetCommitter committer, Status status,
                     KafkaConsumerConfig config, @Nullable ConsumerRebalanceListener application) {
        this.engine = engine;
        this.flow = flow;
        this.committer = committer;
        this.status = status;
        this.groupId = config.groupId();
        this.revokeTimeout = config.revokeTimeout();
        this.application = application;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        if (!revoked.isEmpty()) {
            status.set(ConsumerStatus.REBALANCING);
            Map<PartitionId, Long> offsets = engine.revoke(KafkaRecords.toIds(revoked), revokeTimeout);
            committer.commitSync(offsets, "on revoke");
            flow.removed(revoked);
            LOG.info("Partitions revoked from group {} member: {}", groupId, revoked);
        }
        if (application != null) {
            application.onPartitionsRevoked(revoked);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        if (!lost.isEmpty()) {
            status.set(ConsumerStatus.REBALANCING);
            engine.lose(KafkaRecords.toIds(lost));
            flow.removed(lost);
            LOG.warn("Partitions lost by group {} member, dropped without commit: {}", groupId, lost);
        }
        if (application != null) {
            application.onPartitionsLost(lost);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        flow.assigned(assigned);
        engine.assign(KafkaRecords.toIds(assigned));
        flow.apply(engine.flowControl());
        status.assigned();
        if (!assigned.isEmpty()) {
            LOG.info("Partitions assigned to group {} member: {}", groupId, assigned);
        }
        if (application != null) {
            application.onPartitionsAssigned(assigned);
        }
    }
}
