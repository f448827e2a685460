package io.kafkify.consumers.testkit.broker;

import io.kafkify.consumers.testkit.broker.internal.Directories;
import io.kafkify.consumers.testkit.broker.internal.FreePorts;
import io.kafkify.consumers.testkit.broker.internal.LogTail;
import io.kafkify.consumers.testkit.broker.internal.ServerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches the broker's child JVM and supervises it: on the first start it picks the ports and
 * prepares the directory, every start launches the child and waits until it answers clients,
 * and it stops, kills and discards the child.
 *
 * <p>The lifecycle methods are not thread-safe: {@link EmbeddedKafkaBroker} serializes them. The
 * readers ({@link #isRunning()}, {@link #bootstrapServers()}, {@link #logFile()},
 * {@link #describeLog()}) read volatile fields and may be called from any thread.
 */
final class BrokerProcess {

    /** Named for the facade, so that the broker's log lines keep the category users configure. */
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_INTERVAL_MS = 100;
    private static final int LOG_TAIL_LINES = 40;

    private final Map<String, String> brokerProperties;
    private final List<String> jvmOptions;
    private final Duration startupTimeout;
    private final Duration shutdownTimeout;
    private final String classpath;
    private final BrokerSecurity security;

    private volatile @Nullable Path directory; // written once
    private volatile @Nullable Process child;
    private int brokerPort;
    private int controllerPort;
    private @Nullable String clusterId;
    private volatile @Nullable String bootstrapServers;

    BrokerProcess(Map<String, String> brokerProperties, List<String> jvmOptions, Duration startupTimeout,
            Duration shutdownTimeout, String classpath, BrokerSecurity security) {
        this.brokerProperties = Map.copyOf(brokerProperties);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.startupTimeout = startupTimeout;
        this.shutdownTimeout = shutdownTimeout;
        this.classpath = classpath;
        this.security = security;
    }

    /** Whether {@link #prepare()} has run: the ports are picked and the directory exists. */
    boolean isPrepared() {
        return directory != null;
    }

    /**
     * Picks the free ports (two, and one per secured listener) and creates the directory with the
     * files the child needs, key material included.
     */
    void prepare() {
        List<Integer> ports = FreePorts.onLoopback(2 + security.listeners().size());
        try {
            Path directory = Files.createTempDirectory("kafkify-broker-");
            this.directory = directory;
            brokerPort = ports.get(0);
            controllerPort = ports.get(1);
            String clusterId = Uuid.randomUuid().toString();
            this.clusterId = clusterId;
            security.prepare(directory, HOST, ports.subList(2, ports.size()));
            ServerProperties.write(directory.resolve("server.properties"), HOST, brokerPort, controllerPort,
                    security.listenerPorts(), directory.resolve("data"), security.serverSettings(), brokerProperties, clusterId);
            BrokerCommand.writeClasspathArgumentFile(directory.resolve("classpath.args"), classpath);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the broker directory " + this.directory, e);
        }
        bootstrapServers = HOST + ":" + brokerPort;
    }

    /** Launches the child, formatting the storage first if it never was, and waits until it answers clients. */
    void start() {
        Path directory = requireDirectory();
        Process previous = child;
        if (previous != null) {
            release(previous); // it ended by itself
        }
        boolean format = !Files.exists(directory.resolve("data").resolve("meta.properties"));
        long startedAt = System.nanoTime();
        Process launched = launch(directory, format);
        child = launched;
        try {
            awaitReady(launched, startedAt + startupTimeout.toNanos());
        } catch (RuntimeException e) {
            try {
                destroyForcibly(launched);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            child = null;
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        log.info("Kafka broker at {} ready after {} ms ({}); log: {}", bootstrapServers, took.toMillis(),
                format ? "formatted and started" : "restarted", logFile());
    }

    /** Sends SIGTERM and waits up to the shutdown timeout, then kills; does nothing if no child runs. */
    void stop() {
        Process running = child;
        if (running == null) {
            return;
        }
        running.destroy();
        if (!waitFor(running, shutdownTimeout)) {
            log.warn("Kafka broker at {} did not stop within {} s of SIGTERM; killing it. Log: {}",
                    bootstrapServers, shutdownTimeout.toSeconds(), logFile());
            destroyForcibly(running);
        }
        release(running);
    }

    /** Sends SIGKILL and waits until the child has ended; does nothing if no child runs. */
    void kill() {
        Process running = child;
        if (running == null) {
            return;
        }
        destroyForcibly(running);
        release(running);
    }

    /** Kills the child if there is one, then deletes the directory, data and log included. */
    void discard() {
        try {
            Process running = child;
            if (running != null) {
                destroyForcibly(running);
                release(running);
            }
        } finally {
            Path directory = this.directory;
            if (directory != null) {
                try {
                    Directories.deleteRecursively(directory);
                } catch (IOException e) {
                    log.warn("Could not delete the broker directory {}: {}", directory, e.toString());
                }
            }
        }
    }

    boolean isRunning() {
        Process running = child;
        return running != null && running.isAlive();
    }

    /** The clients' address; throws if the broker was never started. */
    String bootstrapServers() {
        String servers = bootstrapServers;
        if (servers == null) {
            throw new EmbeddedKafkaBrokerException("The broker has no address yet: it picks its ports when it "
                    + "first starts. Call start() before bootstrapServers().");
        }
        return servers;
    }

    /** The clients' address, or {@code null} before the first start. */
    @Nullable String bootstrapServersIfKnown() {
        return bootstrapServers;
    }

    /** The file that receives the child's output; throws if the broker was never started. */
    Path logFile() {
        Path directory = this.directory;
        if (directory == null) {
            throw new EmbeddedKafkaBrokerException("The broker has no log file yet: it creates its directory "
                    + "when it first starts. Call start() first.");
        }
        return directory.resolve("broker.log");
    }

    /** Names the log file and quotes its end, for exception messages; empty before the first start. */
    String describeLog() {
        Path directory = this.directory;
        if (directory == null) {
            return "";
        }
        Path file = directory.resolve("broker.log");
        return "The broker log is " + file + "; its last lines:" + System.lineSeparator()
                + LogTail.lastLines(file, LOG_TAIL_LINES);
    }

    private Path requireDirectory() {
        Path directory = this.directory;
        if (directory == null) {
            throw new IllegalStateException("prepare() must run before start()");
        }
        return directory;
    }

    private Process launch(Path directory, boolean format) {
        List<String> command = BrokerCommand.of(directory, jvmOptions,
                format ? Objects.requireNonNull(clusterId, "clusterId") : null);
        Path logFile = logFile();
        try {
            Files.writeString(logFile, System.lineSeparator() + "=== " + LocalDateTime.now() + " EmbeddedKafkaBroker: "
                    + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new EmbeddedKafkaBrokerException("Could not launch the broker process " + command.get(0)
                    + ": " + e.getMessage() + ". Check that this JVM's java.home holds a java executable.", e);
        }
    }

    private void awaitReady(Process launched, long deadline) {
        while (!acceptsConnections(brokerPort)) {
            pause(launched, deadline);
        }
        Map<String, Object> settings = ClientProperties.admin(bootstrapServers());
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafkify-embedded-broker-readiness");
        settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250);
        Throwable lastFailure = null;
        try (Admin admin = Admin.create(settings)) {
            while (true) {
                int timeout = (int) Math.min(ADMIN_CALL_TIMEOUT.toMillis(), Math.max(1, remainingMillis(deadline)));
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout)).nodes()
                            .get(timeout, TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException e) {
                    lastFailure = e.getCause();
                } catch (TimeoutException e) {
                    lastFailure = e;
                }
                pause(launched, deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaBrokerException("Interrupted while waiting for the broker at " + bootstrapServers
                    + " to start. " + describeLog(), e);
        } catch (EmbeddedKafkaBrokerException e) {
            if (lastFailure != null) {
                e.addSuppressed(lastFailure);
            }
            throw e;
        }
    }

    /** Waits a poll interval, returning early if the child ends; throws if it ended or the deadline passed. */
    private void pause(Process launched, long deadline) {
        try {
            if (launched.waitFor(Math.min(POLL_INTERVAL_MS, Math.max(1, remainingMillis(deadline))), TimeUnit.MILLISECONDS)) {
                throw new EmbeddedKafkaBrokerException("The Kafka broker process exited with code " + launched.exitValue()
                        + " before it was ready at " + bootstrapServers + ". " + describeLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaBrokerException("Interrupted while waiting for the broker at " + bootstrapServers
                    + " to start. " + describeLog(), e);
        }
        if (remainingMillis(deadline) <= 0) {
            throw new EmbeddedKafkaBrokerException("The Kafka broker at " + bootstrapServers + " was not ready within "
                    + startupTimeout.toSeconds() + " s. On a busy machine raise Builder.startupTimeout(Duration). "
                    + describeLog());
        }
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private static boolean waitFor(Process running, Duration timeout) {
        try {
            return running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaBrokerException("Interrupted while waiting for the broker process "
                    + running.pid() + " to end; it was killed.", e);
        }
    }

    private void destroyForcibly(Process running) {
        running.destroyForcibly();
        if (!waitFor(running, KILL_TIMEOUT)) {
            throw new EmbeddedKafkaBrokerException("The broker process " + running.pid() + " was still alive "
                    + KILL_TIMEOUT.toSeconds() + " s after SIGKILL. Check the machine's process table.");
        }
    }

    private void release(Process ended) {
        if (child == ended) {
            child = null;
        }
    }
}
