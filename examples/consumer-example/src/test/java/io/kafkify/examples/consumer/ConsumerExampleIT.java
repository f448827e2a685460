package io.kafkify.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.examples.consumer.Summary.PartitionOffsets;
import io.kafkify.examples.consumer.events.PeopleEvents;
import io.kafkify.examples.consumer.events.PurchaseEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example's main path, on the embedded broker it starts itself. */
class ConsumerExampleIT {

    @Test
    void handles_the_sample_stream_serves_its_health_and_commits_every_record() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        // slf4j-simple writes to System.err, which it looks up at each line: the log is read from there.
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, logged), true, StandardCharsets.UTF_8));
        // No environment: a KAFKA_BOOTSTRAP_SERVERS of the machine must not send the test elsewhere.
        ConsumerExample example = ConsumerExample.start(ExampleOptions.DEFAULTS, Map.of(), out);
        Summary summary;
        JsonNode health;
        int healthStatus;
        try {
            assertThat(example.hasSampleStream()).isTrue();
            assertThat(example.awaitSampleStream(Duration.ofSeconds(60))).as("sample stream finished").isTrue();

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(example.healthUri()).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            healthStatus = response.statusCode();
            health = new ObjectMapper().readTree(response.body());
        } finally {
            try {
                summary = example.stop();
            } finally {
                System.setErr(originalErr);
            }
        }

        assertThat(healthStatus).isEqualTo(200);
        assertThat(health.get("healthy").asBoolean()).isTrue();
        assertThat(health.get("status").asText()).isEqualTo("RUNNING");
        assertThat(partitionsOf(health.get("assignedPartitions"))).containsExactly(
                "people-events-0", "people-events-1", "purchase-events-0", "purchase-events-1");
        assertThat(health.get("handled").asLong()).isEqualTo(6);
        assertThat(health.get("unrouted").asLong()).isEqualTo(1);
        assertThat(health.get("deadLettered").asLong()).isEqualTo(1);

        assertThat(summary.handledPerHandler()).isEqualTo(Map.of(
                PeopleEvents.PERSON_CREATED, 2L,
                PeopleEvents.PERSON_UPDATED, 1L,
                PurchaseEvents.DEFAULT_HANDLER, 3L));
        assertThat(summary.unrouted()).isEqualTo(1);
        assertThat(summary.failed()).as("an invalid payload is not retried").isEqualTo(1);
        assertThat(summary.deadLettered()).isEqualTo(1);
        assertThat(summary.skipped()).isZero();
        assertThat(summary.stoppedPartitions()).isEmpty();
        assertThat(summary.offsetsUnavailable()).isNull();
        // The keys put people 42 and 45 in partition 0, 44 in 1; orders A-1003 in 0, A-1001 in 1.
        assertThat(summary.offsets()).containsExactly(
                new PartitionOffsets("people-events", 0, 3, 3),
                new PartitionOffsets("people-events", 1, 2, 2),
                new PartitionOffsets("purchase-events", 0, 1, 1),
                new PartitionOffsets("purchase-events", 1, 2, 2));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("Health check: http://localhost:")
                .contains("people-events-0@0", "created Ada Lovelace <ada@example.com>")
                .contains("updated 42: email ada@lovelace.dev")
                .contains("purchase-events-0@0", "no code: {id=A-1003, amount=15.0}")
                .contains("Summary")
                .containsPattern("unrouted: +1")
                .containsPattern("dead-lettered: +1")
                .containsPattern("people-events-0 +3 / 3");

        // The walkthrough's sample output is what a run prints: the same lines (ports masked, in any
        // order), and each of its log lines among the log's.
        WalkthroughOutput page = WalkthroughOutput.read();
        List<String> run = output.lines().map(WalkthroughOutput::normalize).toList();
        assertThat(run).as("what the example printed, against docs/examples/consumer.md")
                .containsExactlyInAnyOrderElementsOf(page.printed());
        List<String> log = logged.toString(StandardCharsets.UTF_8).lines().map(WalkthroughOutput::message).toList();
        assertThat(log).as("the log, against the log lines of docs/examples/consumer.md")
                .containsAll(page.logged());
    }

    /** Writes to two streams: the test's own output stays visible in the build. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }

    private static List<String> partitionsOf(JsonNode partitions) {
        List<String> names = new ArrayList<>();
        partitions.forEach(partition -> names.add(partition.get("topic").asText() + "-"
                + partition.get("partition").asInt()));
        return names;
    }
}
