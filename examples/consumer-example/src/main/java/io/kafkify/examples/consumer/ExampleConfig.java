package io.kafkify.examples.consumer;

import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Loads the example's consumer configuration. Each source overrides the ones before it:
 * <ol>
 *   <li>the example's defaults: group {@value #DEFAULT_GROUP_ID}, and a 5 s shutdown timeout: its
 *       handlers take microseconds, and on Ctrl-C the embedded broker ends with it, so a final
 *       commit has nothing to wait for;</li>
 *   <li>{@code KAFKIFY_*} environment variables ({@code KAFKIFY_BOOTSTRAP_SERVERS},
 *       {@code KAFKIFY_GROUP_ID}, {@code KAFKIFY_KAFKA_SASL_MECHANISM}...), as
 *       {@link KafkaConsumerConfig.Builder#environment(Map)} reads them;</li>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS}, the variable most Kafka tooling uses;</li>
 *   <li>the {@code --config} file: any setting by its Kafka or Kafkify name.</li>
 * </ol>
 * When none of them gives bootstrap servers, the example starts an embedded broker.
 */
public final class ExampleConfig {

    /** The consumer group unless the environment or the file names another. */
    public static final String DEFAULT_GROUP_ID = "consumer-example";
    /** The variable most Kafka tooling reads the brokers from. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";

    private final KafkaConsumerConfig.Builder builder;
    private final boolean hasBootstrapServers;

    private ExampleConfig(KafkaConsumerConfig.Builder builder, boolean hasBootstrapServers) {
        this.builder = builder;
        this.hasBootstrapServers = hasBootstrapServers;
    }

    /**
     * @param configFile a {@code .properties} file, or null
     * @param environment the process environment
     * @return the loaded settings, not validated yet
     * @throws UncheckedIOException when the file cannot be read
     */
    public static ExampleConfig load(@Nullable Path configFile, Map<String, String> environment) {
        // tag::load-config[]
        KafkaConsumerConfig.Builder builder = KafkaConsumerConfig.builder()
                .groupId(DEFAULT_GROUP_ID)
                .shutdownTimeout(Duration.ofSeconds(5))
                .environment(environment);                    // KAFKIFY_* variables
        String kafkaServers = environment.get(KAFKA_BOOTSTRAP_SERVERS);
        if (kafkaServers != null && !kafkaServers.isBlank()) {
            builder.bootstrapServers(kafkaServers);
        }
        Properties file = configFile == null ? new Properties() : read(configFile);
        builder.properties(file);                             // the --config file wins
        // end::load-config[]
        boolean hasServers = isSet(kafkaServers)
                || isSet(environment.get(KafkaConsumerConfig.ENV_PREFIX + "BOOTSTRAP_SERVERS"))
                || isSet(file.getProperty("bootstrap.servers"))
                || isSet(file.getProperty(KafkaConsumerConfig.KAFKIFY_PREFIX + "bootstrap-servers"));
        return new ExampleConfig(builder, hasServers);
    }

    /** @return whether the environment or the file names the brokers to connect to */
    public boolean hasBootstrapServers() {
        return hasBootstrapServers;
    }

    /**
     * @return the validated configuration
     * @throws io.kafkify.consumers.domain.InvalidConfigurationException listing every violation
     */
    public KafkaConsumerConfig build() {
        return builder.build();
    }

    /**
     * @param bootstrapServers the embedded broker's address
     * @return the validated configuration, connecting to that broker
     * @throws io.kafkify.consumers.domain.InvalidConfigurationException listing every violation
     */
    public KafkaConsumerConfig buildFor(String bootstrapServers) {
        return builder.bootstrapServers(bootstrapServers).build();
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the consumer settings in " + file.toAbsolutePath(), e);
        }
        return properties;
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
