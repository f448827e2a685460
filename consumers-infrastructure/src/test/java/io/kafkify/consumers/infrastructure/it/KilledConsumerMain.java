package io.kafkify.consumers.infrastructure.it;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A consumer in a process of its own, for {@link KilledConsumerIT} to kill with SIGKILL: it
 * appends each number it handled to a file (the page cache survives the process) and runs until
 * it is killed.
 *
 * <p>Arguments: {@code <bootstrap servers> <topic> <group> <group instance id> <handled file>}.
 */
public final class KilledConsumerMain {

    private KilledConsumerMain() {
    }

    public static void main(String[] args) {
        Path handled = Path.of(args[4]);
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(config(args[0], args[2], args[3]));
        adapter.get(args[1], message -> {
            Thread.sleep(3); // so that the kill comes mid-stream
            append(handled, CommitIT.number(message));
        });
        adapter.start();
        adapter.listen();
    }

    static KafkaConsumerConfig config(String bootstrapServers, String group, String instanceId) {
        return KafkaConsumerConfig.builder()
                .bootstrapServers(bootstrapServers)
                .groupId(group)
                .maxPollRecords(50)
                // Static membership: the restarted consumer takes the killed one's partitions at
                // once, as a redeployed instance does, instead of after its session times out.
                .property("group.instance.id", instanceId)
                .build();
    }

    private static synchronized void append(Path file, int number) {
        try {
            Files.writeString(file, number + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
