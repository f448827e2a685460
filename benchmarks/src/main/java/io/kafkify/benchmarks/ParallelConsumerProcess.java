package io.kafkify.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The parent's side of {@link ParallelConsumerWorker}: starts the worker JVM on first use, on this
 * JVM's classpath with kafka-clients 4 replaced by the 3.x jar Parallel Consumer is built against,
 * and sends it runs. The 3.x jar is found through the system property {@value #KAFKA_CLIENTS_PROPERTY}
 * (set by run.sh and by the build's test configuration), else in {@code benchmarks/target/pc-lib}.
 *
 * <p>Threading: one run at a time; {@link #close()} from any thread.
 */
final class ParallelConsumerProcess implements AutoCloseable {

    static final String KAFKA_CLIENTS_PROPERTY = "kafkify.benchmarks.pc-kafka-clients";
    private static final String WORKER_HEAP = "-Xmx1g";

    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-pc-worker-reader");
        thread.setDaemon(true);
        return thread;
    });
    private @Nullable Process process;
    private @Nullable BufferedReader replies;
    private @Nullable Writer requests;
    private @Nullable Path log;
    private @Nullable String unavailable;

    /** @return why the worker cannot run, or null */
    synchronized @Nullable String unavailable() {
        if (process == null && unavailable == null) {
            start();
        }
        return unavailable;
    }

    /** @return where the worker's log (Parallel Consumer's and the Kafka client's) goes, or null */
    synchronized @Nullable Path log() {
        return log;
    }

    /**
     * @param request the run's settings
     * @param timeoutMillis how long to wait for the answer
     * @return what the worker measured
     * @throws IllegalStateException when the worker is unavailable, dies or does not answer in time
     */
    synchronized Properties run(Properties request, long timeoutMillis) {
        String why = unavailable();
        if (why != null) {
            throw new IllegalStateException(why);
        }
        try {
            requests.write("run " + ParallelConsumerWorker.encode(request) + "\n");
            requests.flush();
            Future<String> reply = reader.submit(replies::readLine);
            String line = reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (line == null || !line.startsWith("result ")) {
                throw new IllegalStateException("The Parallel Consumer worker ended without an answer; see " + log);
            }
            return ParallelConsumerWorker.decode(line.substring("result ".length()));
        } catch (TimeoutException e) {
            close();
            unavailable = "The Parallel Consumer worker did not answer within " + timeoutMillis + " ms and was "
                    + "stopped; see " + log;
            throw new IllegalStateException(unavailable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Parallel Consumer worker", e);
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("The Parallel Consumer worker failed: " + e + "; see " + log, e);
        }
    }

    private void start() {
        Path kafkaClients3 = findKafkaClients3();
        if (kafkaClients3 == null) {
            unavailable = "kafka-clients 3.x for Parallel Consumer not found: set -D" + KAFKA_CLIENTS_PROPERTY
                    + " or run `mvn -pl benchmarks -am package` (it copies it to benchmarks/target/pc-lib)";
            return;
        }
        List<Path> classpath = new ArrayList<>();
        classpath.add(kafkaClients3);
        for (Path entry : Classpath.entries()) {
            if (!entry.getFileName().toString().startsWith("kafka-clients-")) {
                classpath.add(entry);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            log = Files.createTempFile("kafkify-bench-parallel-consumer-", ".log");
            process = new ProcessBuilder(java, "-Xms1g", WORKER_HEAP, "-XX:+UseG1GC", "-cp",
                    Classpath.join(classpath), ParallelConsumerWorker.class.getName())
                    .redirectError(Redirect.appendTo(log.toFile()))
                    .start();
            replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            String ready = reader.submit(replies::readLine).get(60, TimeUnit.SECONDS);
            if (!ParallelConsumerWorker.READY.equals(ready)) {
                unavailable = "The Parallel Consumer worker did not start (said \"" + ready + "\"); see " + log;
                close();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            unavailable = "The Parallel Consumer worker did not start: " + e + "; see " + log;
            close();
        }
    }

    private static @Nullable Path findKafkaClients3() {
        String configured = System.getProperty(KAFKA_CLIENTS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isRegularFile(path) ? path : null;
        }
        for (Path directory : List.of(Path.of("benchmarks", "target", "pc-lib"), Path.of("target", "pc-lib"))) {
            if (Files.isDirectory(directory)) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "kafka-clients-3*.jar")) {
                    for (Path jar : jars) {
                        return jar.toAbsolutePath();
                    }
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        try {
            requests.close();
        } catch (IOException e) {
            // The worker ends when its input closes; if that failed it is destroyed below.
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        reader.shutdownNow();
    }
}
