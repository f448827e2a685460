package io.kafkify.consumers.testkit.broker;

import io.kafkify.consumers.testkit.broker.internal.BrokerLogServiceProvider;
import io.kafkify.consumers.testkit.broker.internal.BrokerProcessMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Builds the command line that launches the broker's child JVM: this JVM's {@code java}, the
 * default and the caller's JVM options, the classpath argument file, and
 * {@link BrokerProcessMain} with its arguments.
 */
final class BrokerCommand {

    private static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            EmbeddedKafkaBroker.DEFAULT_MAX_HEAP,
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true");

    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of).filter(Files::isExecutable).findFirst();

    private BrokerCommand() {
    }

    /** The classpath goes in an argument file: on the command line a long one exceeds Linux's limit of 128 KiB per argument. */
    static void writeClasspathArgumentFile(Path file, String classpath) throws IOException {
        String quoted = classpath.replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(file, "-cp\n\"" + quoted + "\"\n", StandardCharsets.UTF_8);
    }

    /**
     * @param directory the broker's directory, holding {@code classpath.args} and {@code server.properties}
     * @param jvmOptions the caller's JVM options, which come after the defaults and so override them
     * @param formatClusterId the cluster id to format the storage with first, or {@code null} if it is formatted
     * @return the command, ready for a {@link ProcessBuilder}
     */
    static List<String> of(Path directory, List<String> jvmOptions, @Nullable String formatClusterId) {
        List<String> command = new ArrayList<>();
        // In a session of its own, the broker does not get the terminal's Ctrl-C: the application
        // decides when it stops (after its consumers have committed). Where setsid is missing,
        // the broker shares the caller's process group, as any child does.
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DEFAULT_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-Dslf4j.provider=" + BrokerLogServiceProvider.class.getName());
        command.add("-D" + BrokerProcessMain.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("@" + directory.resolve("classpath.args"));
        command.add(BrokerProcessMain.class.getName());
        if (formatClusterId != null) {
            command.add("--format");
            command.add(formatClusterId);
        }
        command.add(directory.resolve("server.properties").toString());
        return command;
    }
}
