package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.engine.spi.FlowControl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer's assigned partitions, and the engine's flow decisions applied to them: seeks
 * first, then exactly the paused partitions paused and every other assigned one resumed. The
 * engine decides; this class only tells the {@code KafkaConsumer}, and only what changed.
 *
 * <p>Threading: the polling thread; {@link #assignedView()} from any thread.
 */
final class PartitionFlow {

    private final Consumer<byte[], byte[]> consumer;
    private final Set<TopicPartition> assigned = new LinkedHashSet<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private volatile List<PartitionId> assignedView = List.of();

    PartitionFlow(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    void apply(FlowControl flow) {
        for (Map.Entry<PartitionId, Long> seek : flow.seeks().entrySet()) {
            TopicPartition partition = KafkaRecords.toKafka(seek.getKey());
            if (assigned.contains(partition)) {
                consumer.seek(partition, seek.getValue());
            }
        }
        List<TopicPartition> pause = new ArrayList<>();
        Set<TopicPartition> wanted = new HashSet<>();
        for (PartitionId id : flow.paused()) {
            TopicPartition partition = KafkaRecords.toKafka(id);
            if (assigned.contains(partition)) {
                wanted.add(partition);
                if (!paused.contains(partition)) {
                    pause.add(partition);
                }
            }
        }
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition partition : paused) {
            if (!wanted.contains(partition)) {
                resume.add(partition);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        paused.clear();
        paused.addAll(wanted);
    }

    void assigned(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        paused.removeAll(partitions);
        publish();
    }

    void removed(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
        paused.removeAll(partitions);
        publish();
    }

    boolean hasAssignment() {
        return !assigned.isEmpty();
    }

    List<PartitionId> owned() {
        return KafkaRecords.toIds(assigned);
    }

    /** @return the assigned partitions, sorted; any thread */
    List<PartitionId> assignedView() {
        return assignedView;
    }

    void clear() {
        assigned.clear();
        paused.clear();
        publish();
    }

    private void publish() {
        List<PartitionId> view = KafkaRecords.toIds(assigned);
        Collections.sort(view);
        assignedView = List.copyOf(view);
    }
}
