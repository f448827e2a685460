package io.kafkify.benchmarks;

import io.confluent.parallelconsumer.ParallelConsumerOptions;
import io.confluent.parallelconsumer.ParallelConsumerOptions.CommitMode;
import io.confluent.parallelconsumer.ParallelConsumerOptions.ProcessingOrder;
import io.confluent.parallelconsumer.ParallelStreamProcessor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Runs Confluent Parallel Consumer in a JVM of its own. Parallel Consumer 0.5.3.3 is built against
 * kafka-clients 3.9 and fails on kafka-clients 4 ({@code NoClassDefFoundError:
 * org/apache/kafka/common/utils/CloseableIterator}), so its arm runs here, on kafka-clients 3.9.1,
 * against the same broker. The JVM lives for the whole benchmark, so that warm-up rounds warm it
 * as they warm the other arms.
 *
 * <p>Protocol, one line each way per run: the parent writes {@code run <base64 Properties>} with
 * the run's settings ({@code bench.*}) and the Kafka client's ({@code kafka.*}); the worker
 * answers {@code result <base64 Properties>} with what it measured.
 */
public final class ParallelConsumerWorker {

    static final String READY = "ready";

    private ParallelConsumerWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        // Parallel Consumer and the Kafka client log to stderr; stdout carries the protocol only.
        System.setOut(System.err);
        out.println(READY);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.startsWith("run ")) {
                continue;
            }
            Properties request = decode(line.substring("run ".length()));
            out.println("result " + encode(run(request)));
        }
    }

    private static Properties run(Properties request) {
        long expected = Long.parseLong(request.getProperty("bench.expected"));
        int concurrency = Integer.parseInt(request.getProperty("bench.concurrency"));
        long sleepMs = Long.parseLong(request.getProperty("bench.sleep-ms"));
        long timeoutMs = Long.parseLong(request.getProperty("bench.timeout-ms"));
        String topic = request.getProperty("bench.topic");
        Map<String, Object> kafka = new HashMap<>();
        request.stringPropertyNames().stream().filter(name -> name.startsWith("kafka."))
                .forEach(name -> kafka.put(name.substring("kafka.".length()), request.getProperty(name)));

        Progress progress = new Progress(expected);
        Runnable handler = sleepMs <= 0 ? progress::record : Progress.sleepingHandler(sleepMs).apply(progress);
        String error = null;
        try {
            consume(topic, kafka, concurrency, handler, progress, System.nanoTime() + timeoutMs * 1_000_000);
        } catch (Exception | LinkageError e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            System.err.println(trace);
            error = e.toString();
        }
        Properties result = new Properties();
        result.setProperty("handled", String.valueOf(progress.count()));
        result.setProperty("elapsed-nanos", String.valueOf(progress.elapsedNanos()));
        result.setProperty("startup-nanos", String.valueOf(progress.startupNanos()));
        result.setProperty("latency-nanos", String.valueOf(progress.meanLatencyNanos()));
        result.setProperty("kafka-clients", Versions.kafkaClients());
        if (error != null) {
            result.setProperty("error", error);
        }
        return result;
    }

    private static void consume(String topic, Map<String, Object> kafka, int concurrency, Runnable handler,
                                Progress progress, long deadlineNanos) throws InterruptedException {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka);
        ParallelConsumerOptions<byte[], byte[]> options = ParallelConsumerOptions.<byte[], byte[]>builder()
                .consumer(consumer)
                .ordering(ProcessingOrder.KEY)
                .maxConcurrency(concurrency)
                .commitMode(CommitMode.PERIODIC_CONSUMER_ASYNCHRONOUS)
                .build();
        RecordWork work = new RecordWork(handler);
        ParallelStreamProcessor<byte[], byte[]> processor = ParallelStreamProcessor.createEosStreamProcessor(options);
        try {
            processor.subscribe(List.of(topic));
            processor.poll(context -> work.handle(context.getSingleConsumerRecord().value()));
            while (!progress.isDone() && System.nanoTime() - deadlineNanos < 0) {
                if (processor.isClosedOrFailed()) {
                    throw new IllegalStateException("Parallel Consumer closed or failed after " + progress.count()
                            + " records; see its log");
                }
                progress.await(50);
            }
        } finally {
            processor.closeDontDrainFirst(Duration.ofSeconds(30));
        }
    }

    static String encode(Properties properties) {
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Properties decode(String base64) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }
}
