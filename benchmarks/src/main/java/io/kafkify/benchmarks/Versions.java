package io.kafkify.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions of what is measured, read from the classpath, so that the report cannot lie about them. */
final class Versions {

    private Versions() {
    }

    static String kafkaClients() {
        return resourceVersion("/kafka/kafka-version.properties");
    }

    static String springKafka() {
        try {
            String version = Class.forName("org.springframework.kafka.core.KafkaTemplate").getPackage()
                    .getImplementationVersion();
            return version != null ? version : "unknown";
        } catch (ClassNotFoundException | LinkageError e) {
            return "not on the classpath (" + e + ")";
        }
    }

    static String parallelConsumer() {
        return mavenVersion("io.confluent.parallelconsumer", "parallel-consumer-core");
    }

    static String jmh() {
        return mavenVersion("org.openjdk.jmh", "jmh-core");
    }

    static String jackson() {
        return com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
    }

    private static String mavenVersion(String groupId, String artifactId) {
        return resourceVersion("/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties");
    }

    private static String resourceVersion(String resource) {
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "not on the classpath";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unreadable (" + e + ")";
        }
    }
}
