package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.MessageHeader;
import io.kafkify.consumers.domain.PartitionId;
import io.kafkify.consumers.engine.spi.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The one place where Kafka's client types and the engine's meet: records, partitions and
 * offsets are converted here, at the edge of the hexagon, and nowhere else.
 */
final class KafkaRecords {

    private KafkaRecords() {
    }

    static RawRecord toRaw(ConsumerRecord<byte[], byte[]> record) {
        List<MessageHeader> headers;
        Header[] raw = record.headers().toArray();
        if (raw.length == 0) {
            headers = List.of();
        } else {
            headers = new ArrayList<>(raw.length);
            for (Header header : raw) {
                headers.add(new MessageHeader(header.key(), header.value()));
            }
        }
        return new RawRecord(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(Math.max(0, record.timestamp())), record.key(), record.value(), headers);
    }

    static List<RawRecord> toRaw(List<ConsumerRecord<byte[], byte[]>> records) {
        List<RawRecord> raw = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            raw.add(toRaw(record));
        }
        return raw;
    }

    static TopicPartition toKafka(PartitionId id) {
        return new TopicPartition(id.topic(), id.partition());
    }

    static PartitionId toId(TopicPartition partition) {
        return new PartitionId(partition.topic(), partition.partition());
    }

    static List<PartitionId> toIds(Collection<TopicPartition> partitions) {
        List<PartitionId> ids = new ArrayList<>(partitions.size());
        for (TopicPartition partition : partitions) {
            ids.add(toId(partition));
        }
        return ids;
    }

    static Map<TopicPartition, OffsetAndMetadata> toOffsets(Map<PartitionId, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
        offsets.forEach((id, offset) -> commits.put(toKafka(id), new OffsetAndMetadata(offset)));
        return commits;
    }

    static Map<PartitionId, Long> fromOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<PartitionId, Long> ids = new LinkedHashMap<>();
        offsets.forEach((partition, offset) -> ids.put(toId(partition), offset.offset()));
        return ids;
    }
}
