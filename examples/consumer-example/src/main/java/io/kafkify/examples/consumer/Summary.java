package io.kafkify.examples.consumer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the example did, printed when it stops.
 *
 * @param handledPerHandler events each handler finished, by handler name
 * @param unrouted records no handler took: skipped and committed, as documented
 * @param failed failed attempts, as the consumer counts them
 * @param deadLettered records published to their dead-letter topic ({@code <topic>.DLT})
 * @param skipped records given up on by the {@code SKIP} failure policy
 * @param stoppedPartitions partitions halted by the {@code STOP} failure policy, as
 *     {@code topic-partition@offset: reason}
 * @param offsets the group's committed offset and the end of each partition, read from the broker
 * @param offsetsUnavailable why the offsets could not be read, or null
 */
public record Summary(Map<String, Long> handledPerHandler, long unrouted, long failed, long deadLettered,
                      long skipped, List<String> stoppedPartitions, List<PartitionOffsets> offsets,
                      @Nullable String offsetsUnavailable) {

    /**
     * A partition's progress.
     *
     * @param topic the topic
     * @param partition the partition
     * @param committed the group's committed offset (the next record it would read), -1 when none
     * @param end the partition's end offset (the next offset a producer would write)
     */
    public record PartitionOffsets(String topic, int partition, long committed, long end) {
        /** @return the records of the partition not committed yet */
        public long uncommitted() {
            return end - Math.max(committed, 0);
        }
    }

    /**
     * Copies the collections.
     *
     * @param handledPerHandler events each handler finished
     * @param unrouted records no handler took
     * @param failed failed attempts
     * @param deadLettered records published to their dead-letter topic
     * @param skipped records given up on by the {@code SKIP} policy
     * @param stoppedPartitions partitions halted by the {@code STOP} policy
     * @param offsets each partition's committed and end offset
     * @param offsetsUnavailable why the offsets could not be read, or null
     */
    public Summary {
        handledPerHandler = Map.copyOf(Objects.requireNonNull(handledPerHandler, "handledPerHandler"));
        stoppedPartitions = List.copyOf(Objects.requireNonNull(stoppedPartitions, "stoppedPartitions"));
        offsets = List.copyOf(Objects.requireNonNull(offsets, "offsets"));
    }

    /** @return events handled by every handler together */
    public long handled() {
        return handledPerHandler.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the summary as the example prints it */
    public String format() {
        String perHandler = handledPerHandler.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder()
                .append("Summary").append(System.lineSeparator())
                .append(line("handled", handled(), perHandler.isEmpty() ? "" : "(" + perHandler + ")"))
                .append(line("unrouted", unrouted, "no handler for the topic and code: skipped and committed"))
                .append(line("failed", failed, "failed attempts; nothing past a failed record is committed"
                        + " until the failure policy has taken it"))
                .append(line("dead-lettered", deadLettered, "published to <topic>.DLT by the DEAD_LETTER policy,"
                        + " then committed"))
                .append(line("skipped", skipped, "given up on by the SKIP policy, then committed"));
        for (String stopped : stoppedPartitions) {
            text.append("  stopped by the STOP policy at ").append(stopped).append(System.lineSeparator());
        }
        if (offsetsUnavailable != null) {
            text.append("  committed offsets unavailable: ").append(offsetsUnavailable).append(System.lineSeparator());
            return text.toString();
        }
        text.append("  committed offsets (committed / end of partition):").append(System.lineSeparator());
        for (PartitionOffsets partition : offsets) {
            String line = String.format("    %-20s %3s / %-3d  %s", partition.topic() + "-" + partition.partition(),
                    partition.committed() < 0 ? "-" : String.valueOf(partition.committed()), partition.end(),
                    partition.uncommitted() == 0 ? "" : partition.uncommitted()
                            + " not committed: delivered again to the group's next consumer");
            text.append(line.stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String line(String label, long count, String comment) {
        return String.format("  %-14s %3d  %s", label + ":", count, comment).stripTrailing() + System.lineSeparator();
    }
}
