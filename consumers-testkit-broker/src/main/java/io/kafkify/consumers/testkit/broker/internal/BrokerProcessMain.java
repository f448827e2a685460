package io.kafkify.consumers.testkit.broker.internal;

import java.util.Arrays;

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
        String[] formatArgs = {"format", "--standalone", "-t", clusterId, "-c", serverProperties};
        int code;
        try {
            code = kafka.tools.StorageTool.execute(formatArgs, System.out);
        } catch (Throwable e) {
            System.err.println("kafka-storage " + String.join(" ", formatArgs) + " failed:");
            e.printStackTrace();
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
