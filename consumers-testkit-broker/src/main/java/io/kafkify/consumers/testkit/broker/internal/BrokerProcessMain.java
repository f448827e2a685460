package io.kafkify.consumers.testkit.broker.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of the broker's child JVM: it formats the storage on the first start and
 * then runs {@code kafka.Kafka}, both in one JVM so that a first start pays for one JVM
 * start-up, not two.
 *
 * <p>It also makes the broker die with its parent JVM: it watches the process whose id the
 * system property {@value #PARENT_PID_PROPERTY} names and halts when that process has ended,
 * however it ended (even {@code kill -9}). Without that, a crashed test JVM would leave a
 * broker running that holds its ports and its directory. (Watching standard input for
 * end-of-file would be quicker, but {@link Process#destroy()} closes that pipe too, and the
 * broker would then halt instead of shutting down gracefully.)
 *
 * <p>Arguments: {@code [--format <clusterId>] <server.properties>}.
 */
public final class BrokerProcessMain {

    /** The system property that holds the parent JVM's process id. */
    public static final String PARENT_PID_PROPERTY = "kafkify.broker.parent.pid";

    /**
     * The file, beside {@code server.properties}, that holds the SCRAM credentials to format the
     * storage with, one {@code --add-scram} value a line. It is read and deleted when the storage
     * is formatted, so that passwords are neither on a command line nor left on disk.
     */
    public static final String SCRAM_CREDENTIALS_FILE = "scram-credentials";

    /** The exit code when the parent went away; distinct from Kafka's own codes (0 and 1). */
    static final int PARENT_GONE = 3;

    private static final long PARENT_POLL_MS = 500;

    /** The exit code when formatting the storage failed. */
    static final int FORMAT_FAILED = 2;

    private BrokerProcessMain() {
    }

    /**
     * @param args {@code [--format <clusterId>] <server.properties>}
     */
    public static void main(String[] args) {
        haltWhenParentEnds();
        String clusterId = null;
        String serverProperties;
        if (args.length == 3 && args[0].equals("--format")) {
            clusterId = args[1];
            serverProperties = args[2];
        } else if (args.length == 1) {
            serverProperties = args[0];
        } else {
            System.err.println("Expected [--format <clusterId>] <server.properties>, got "
                    + Arrays.toString(args));
            System.exit(FORMAT_FAILED);
            return;
        }
        if (clusterId != null) {
            format(clusterId, serverProperties);
        }
        kafka.Kafka.main(new String[] {serverProperties});
    }

    private static void format(String clusterId, String serverProperties) {
        List<String> formatArgs = new ArrayList<>(List.of("format", "--standalone", "-t", clusterId, "-c",
                serverProperties));
        String described = String.join(" ", formatArgs);
        Path credentials = Path.of(serverProperties).toAbsolutePath().resolveSibling(SCRAM_CREDENTIALS_FILE);
        int code;
        try {
            if (Files.exists(credentials)) {
                int users = 0;
                for (String credential : Files.readAllLines(credentials, StandardCharsets.UTF_8)) {
                    if (!credential.isBlank()) {
                        formatArgs.add("--add-scram");
                        formatArgs.add(credential);
                        users++;
                    }
                }
                described += " with " + users + " SCRAM credentials (not shown)";
            }
            code = kafka.tools.StorageTool.execute(formatArgs.toArray(String[]::new), System.out);
            Files.deleteIfExists(credentials);
        } catch (Throwable e) {
            if (described.contains("SCRAM")) {
                // Its message may quote a credential it could not parse.
                System.err.println("kafka-storage " + described + " failed: " + e.getClass().getName());
            } else {
                System.err.println("kafka-storage " + described + " failed:");
                e.printStackTrace();
            }
            code = FORMAT_FAILED;
        }
        System.out.flush();
        if (code != 0) {
            System.err.println("Formatting the storage failed with code " + code + "; not starting Kafka.");
            System.exit(code);
        }
    }

    private static void haltWhenParentEnds() {
        String pid = System.getProperty(PARENT_PID_PROPERTY);
        if (pid == null) {
            return; // started by hand: nothing to watch
        }
        ProcessHandle parent = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
        Thread watchdog = new Thread(() -> {
            try {
                while (parent != null && parent.isAlive()) {
                    Thread.sleep(PARENT_POLL_MS);
                }
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("The parent JVM (pid " + pid + ") has ended: halting the broker.");
            Runtime.getRuntime().halt(PARENT_GONE);
        }, "kafkify-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
