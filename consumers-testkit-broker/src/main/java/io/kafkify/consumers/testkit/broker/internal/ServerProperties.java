package io.kafkify.consumers.testkit.broker.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Writes the broker's {@code server.properties}: the settings that make it one node on
 * loopback ports (two, and one more per secured listener), then the single-node defaults, then
 * the security settings, then the caller's overrides, so that a later setting wins.
 */
public final class ServerProperties {

    /** Settings that make the node what it is; a builder that sets one is rejected. */
    public static final Set<String> MANAGED = Set.of(
            "process.roles", "node.id", "listeners", "advertised.listeners",
            "controller.listener.names", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "inter.broker.listener.name", "listener.security.protocol.map",
            "log.dir", "log.dirs", "metadata.log.dir");

    private ServerProperties() {
    }

    /**
     * @param file where to write
     * @param host the address both listeners bind
     * @param brokerPort the port of the client listener {@code PLAINTEXT}
     * @param controllerPort the port of the {@code CONTROLLER} listener
     * @param securedListeners further client listeners by name, each named for its security
     *     protocol ({@code SASL_SSL}, {@code SSL}), with its port
     * @param dataDirectory the broker's {@code log.dirs}
     * @param security the settings of the secured listeners, applied after the defaults
     * @param overrides settings applied after the defaults; none of them {@link #MANAGED}
     * @param clusterId named in the file's header comment
     * @throws IOException if the file could not be written
     */
    public static void write(Path file, String host, int brokerPort, int controllerPort,
            Map<String, Integer> securedListeners, Path dataDirectory, Map<String, String> security,
            Map<String, String> overrides, String clusterId) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        StringBuilder listeners = new StringBuilder("PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host
                + ":" + controllerPort);
        StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        securedListeners.forEach((name, port) -> {
            listeners.append(',').append(name).append("://").append(host).append(':').append(port);
            protocols.append(',').append(name).append(':').append(name);
        });
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        settings.put("listeners", listeners.toString());
        settings.put("advertised.listeners", listeners.toString());
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", protocols.toString());
        settings.put("log.dirs", dataDirectory.toString());
        settings.putAll(defaults());
        settings.putAll(security);
        settings.putAll(overrides);

        Properties properties = new Properties();
        properties.putAll(settings);
        StringWriter text = new StringWriter();
        properties.store(text, "Written by EmbeddedKafkaBroker; cluster id " + clusterId);
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    /** The single-node defaults; EmbeddedKafkaBroker's javadoc lists them and says why. */
    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("num.partitions", "1");
        defaults.put("auto.create.topics.enable", "false");
        defaults.put("offsets.topic.replication.factor", "1");
        defaults.put("transaction.state.log.replication.factor", "1");
        defaults.put("transaction.state.log.min.isr", "1");
        defaults.put("share.coordinator.state.topic.replication.factor", "1");
        defaults.put("share.coordinator.state.topic.min.isr", "1");
        defaults.put("group.share.min.record.lock.duration.ms", "1000");
        defaults.put("group.share.min.heartbeat.interval.ms", "500");
        defaults.put("group.share.heartbeat.interval.ms", "500");
        defaults.put("group.share.assignment.interval.ms", "100");
        defaults.put("group.initial.rebalance.delay.ms", "0");
        defaults.put("group.coordinator.append.linger.ms", "0");
        defaults.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        defaults.put("broker.session.timeout.ms", "3000");
        defaults.put("broker.heartbeat.interval.ms", "500");
        defaults.put("offsets.topic.num.partitions", "5");
        defaults.put("transaction.state.log.num.partitions", "5");
        defaults.put("share.coordinator.state.topic.num.partitions", "5");
        return defaults;
    }
}
