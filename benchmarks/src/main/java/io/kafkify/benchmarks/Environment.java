package io.kafkify.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The machine, the JVM and the versions a result was measured with. */
final class Environment {

    private Environment() {
    }

    static List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("CPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        lines.add("Memory: " + Report.mebibytes(totalMemory()).replace(" MiB", "") + " MiB physical");
        lines.add("OS: " + osRelease() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", " + System.getProperty("os.arch") + ")");
        lines.add("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        lines.add("Benchmark JVM options: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        lines.add("Load average at start: " + loadAverage());
        lines.add("Kafka: kafka-clients " + Versions.kafkaClients() + ", broker kafka_2.13 " + brokerVersion()
                + " (KRaft, one combined node in a child JVM)");
        lines.add("Peers: spring-kafka " + Versions.springKafka() + ", parallel-consumer-core "
                + Versions.parallelConsumer() + "; Jackson " + Versions.jackson() + "; JMH " + Versions.jmh());
        return lines;
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return String.format(Locale.ROOT, "%.2f (1 min)", load);
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the core count below still says something.
        }
        return "unknown CPU";
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String osRelease() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException | RuntimeException e) {
            // Falls back to the JVM's names alone.
        }
        return "unknown distribution";
    }

    /** The broker runs from this JVM's classpath, so its version is that of the kafka_2.13 jar there. */
    private static String brokerVersion() {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("kafka_2.13-") && name.endsWith(".jar")) {
                return name.substring("kafka_2.13-".length(), name.length() - ".jar".length());
            }
        }
        return "unknown";
    }
}
