package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.infrastructure.internal.config.SecretProperties;
import io.kafkify.consumers.infrastructure.internal.config.Setting;
import io.kafkify.consumers.infrastructure.internal.config.ValueConversions.ConversionException;
import io.kafkify.consumers.infrastructure.internal.config.Violation;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * The validated configuration of a Kafkify consumer: the Kafka client settings Kafkify manages,
 * the settings of Kafkify's own runtime, and any other Kafka client property, passed on
 * unchanged.
 *
 * <pre>{@code
 * KafkaConsumerConfig config = KafkaConsumerConfig.builder()
 *         .bootstrapServers("localhost:9092")        // required
 *         .groupId("people-service")                 // default "my-app-consumer"
 *         .property("security.protocol", "SASL_SSL") // any Kafka client property reaches the client
 *         .build();                                  // validates: one exception lists every violation
 * }</pre>
 *
 * <h2>Settings</h2>
 *
 * <p>Each setting has a builder method and a getter of the same name, and two property names
 * accepted by {@link Builder#property(String, Object)}, {@link #fromMap(Map)} and
 * {@link #fromProperties(Properties)}: the Kafka name where Kafka has one, and a Kafkify name
 * ({@code kafkify.} and the setting in kebab case). The environment variable is {@code KAFKIFY_}
 * and the setting in upper snake case. Each setting is declared once, with its names, default
 * and rule; docs/configuration.md lists them all, in tables a test checks against the
 * declarations.
 *
 * <p>As text (a {@code Properties} file, the environment), durations are either ISO-8601
 * ({@code PT30S}) or a number of milliseconds ({@code 30000}); booleans are {@code true} or
 * {@code false} in any case. A value that does not convert is a violation like any other.
 *
 * <p>Any other property (SASL, TLS, fetch sizes, {@code group.protocol}...) reaches the
 * {@code KafkaConsumer} unchanged; in the environment, {@code KAFKIFY_KAFKA_SASL_MECHANISM}
 * is {@code sasl.mechanism} (the rest lower-cased, underscores become dots). Kafka's own rules
 * for it are checked when the configuration is built. Kafkify always reads raw bytes: the
 * {@code key.deserializer} and {@code value.deserializer} properties are rejected; pass decoders
 * to {@code KafkaBaseConsumerAdapter} instead.
 *
 * <h2>Secrets</h2>
 *
 * <p>The values of the properties Kafka types as passwords ({@code sasl.jaas.config},
 * {@code ssl.key.password}, {@code ssl.keystore.password}, {@code ssl.truststore.password}...),
 * of those whose name contains {@code password}, {@code passphrase}, {@code secret},
 * {@code jaas} or {@code credential}, and of those marked with {@link Builder#secret(String)}
 * are shown as {@value #MASK} in {@link #toString()}, {@link #toMaskedMap()}, violation messages
 * and log lines.
 *
 * <p>Threading: immutable and thread-safe. Pass-through property values are kept as given; pass
 * immutable values.
 */
public final class KafkaConsumerConfig {

    /** Default {@link #groupId()}: the documented library's {@value}. */
    public static final String DEFAULT_GROUP_ID = "my-app-consumer";
    /** Default {@link #enableAutoCommit()}: {@value}; Kafkify commits what it has handled. */
    public static final boolean DEFAULT_ENABLE_AUTO_COMMIT = false;
    /** Default {@link #autoOffsetReset()}: {@value}. */
    public static final String DEFAULT_AUTO_OFFSET_RESET = "earliest";
    /** Default {@link #isolationLevel()}: {@value}. */
    public static final String DEFAULT_ISOLATION_LEVEL = "read_committed";
    /** Default {@link #maxPollIntervalMs()}: {@value} ms, Kafka's default. */
    public static final int DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;
    /** Default {@link #retryBackoffMs()}: {@value} ms, the documented library's default. */
    public static final long DEFAULT_RETRY_BACKOFF_MS = 2_000L;
    /** Default {@link #recordRetryBackoffMs()}: {@value} ms. */
    public static final long DEFAULT_RECORD_RETRY_BACKOFF_MS = 2_000L;
    /** Default {@link #maxPollRecords()}: {@value}, Kafka's default. */
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    /** Default {@link #ordering()}: {@link Ordering#PARTITION}. */
    public static final Ordering DEFAULT_ORDERING = Ordering.PARTITION;
    /** Default {@link #maxConcurrency()}: {@value}. */
    public static final int DEFAULT_MAX_CONCURRENCY = 16;
    /** Default {@link #maxBufferedRecords()}: {@value}. */
    public static final int DEFAULT_MAX_BUFFERED_RECORDS = 10_000;
    /** Default {@link #shutdownTimeout()}: 30 seconds. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link #revokeTimeout()}: 10 seconds. */
    public static final Duration DEFAULT_REVOKE_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link #maxUnfinishedAge()}: 60 seconds, SmallRye's {@code throttled.unprocessed-record-max-age.ms}. */
    public static final Duration DEFAULT_MAX_UNFINISHED_AGE = Duration.ofSeconds(60);
    /** Default of {@link #maxAttempts()}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Default of {@link #maxRetryBackoffMs()}. */
    public static final long DEFAULT_MAX_RETRY_BACKOFF_MS = 30_000L;
    /** Default of {@link #failurePolicy()}. */
    public static final FailurePolicy DEFAULT_FAILURE_POLICY = FailurePolicy.DEAD_LETTER;
    /** Default of {@link #deadLetterSuffix()}. */
    public static final String DEFAULT_DEAD_LETTER_SUFFIX = ".DLT";
    /** Default of {@link #deadLetterUnrouted()}. */
    public static final boolean DEFAULT_DEAD_LETTER_UNROUTED = false;
    /** Default of {@code strictPayloads}: a tolerant reader, unknown properties are ignored. */
    public static final boolean DEFAULT_STRICT_PAYLOADS = false;

    /** The prefix of Kafkify's own property names, e.g. {@code kafkify.ordering}. */
    public static final String KAFKIFY_PREFIX = Setting.KAFKIFY_PREFIX;
    /** The prefix of the environment variables Kafkify reads, e.g. {@code KAFKIFY_GROUP_ID}. */
    public static final String ENV_PREFIX = Setting.ENV_PREFIX;
    /** The prefix of environment variables holding any Kafka property, e.g. {@code KAFKIFY_KAFKA_SASL_MECHANISM}. */
    public static final String ENV_KAFKA_PREFIX = "KAFKIFY_KAFKA_";
    /** What is shown in place of a secret value. */
    public static final String MASK = SecretProperties.MASK;

    /** How messages name this class. */
    static final String SUBJECT = "KafkaConsumerConfig";

    /** Every typed setting's value, by declaration; unmodifiable. */
    private final Map<Setting<?>, Object> values;
    private final Set<Class<? extends Throwable>> nonRetryable;
    private final Map<String, Object> extraProperties;
    private final Set<String> secretNames;
    private final ObjectMapper objectMapper;

    private KafkaConsumerConfig(Builder builder) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(builder.values));
        this.nonRetryable = Set.copyOf(builder.nonRetryable);
        this.extraProperties = Collections.unmodifiableMap(new TreeMap<>(builder.extraProperties));
        this.secretNames = Collections.unmodifiableSet(new TreeSet<>(builder.secretNames));
        this.objectMapper = builder.objectMapper != null ? builder.objectMapper : JsonDefaults.objectMapper();
    }

    // ---------------------------------------------------------------- factories

    /**
     * @return a builder holding every default; only {@link Builder#bootstrapServers(String)} must
     *     be set. Not thread-safe: use it from one thread.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a configuration from a map whose keys are Kafka names ({@code group.id}), Kafkify
     * names ({@code kafkify.ordering}) or any other Kafka property, as
     * {@link Builder#properties(Map)} describes.
     *
     * @param properties the settings; values may be text or already typed
     * @return the validated configuration
     * @throws InvalidConfigurationException listing every violation, conversion errors included
     */
    public static KafkaConsumerConfig fromMap(Map<String, ?> properties) {
        return builder().properties(properties).build();
    }

    /**
     * Builds a configuration from {@code Properties} (a {@code .properties} file), keys as in
     * {@link #fromMap(Map)}; the defaults of the {@code Properties} object count too.
     *
     * @param properties the settings
     * @return the validated configuration
     * @throws InvalidConfigurationException listing every violation, conversion errors included
     */
    public static KafkaConsumerConfig fromProperties(Properties properties) {
        return builder().properties(properties).build();
    }

    /**
     * Builds a configuration from the process environment ({@link System#getenv()}), as
     * {@link Builder#environment(Map)} describes.
     *
     * @return the validated configuration
     * @throws InvalidConfigurationException listing every violation, conversion errors included
     */
    public static KafkaConsumerConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Builds a configuration from the given environment variables, as
     * {@link Builder#environment(Map)} describes.
     *
     * @param environment variable name to value; variables without the {@code KAFKIFY_} prefix
     *     are ignored
     * @return the validated configuration
     * @throws InvalidConfigurationException listing every violation, conversion errors included
     */
    public static KafkaConsumerConfig fromEnvironment(Map<String, String> environment) {
        return builderFromEnvironment(environment).build();
    }

    /**
     * A builder loaded from the process environment, for the code to complete. Setters called
     * on it afterwards win over the environment: to let operators override defaults written in
     * code, set those first and call {@link Builder#environment()} last instead.
     *
     * @return a builder loaded from the process environment ({@link System#getenv()}); conversion
     *     errors are reported by {@code build()} unless a later call sets the setting again
     */
    public static Builder builderFromEnvironment() {
        return builderFromEnvironment(System.getenv());
    }

    /**
     * As {@link #builderFromEnvironment()}: setters called afterwards win over the environment.
     *
     * @param environment variable name to value, as {@link Builder#environment(Map)} describes
     * @return a builder loaded from the given environment, for the code to complete
     */
    public static Builder builderFromEnvironment(Map<String, String> environment) {
        return builder().environment(environment);
    }

    /**
     * Every typed setting, for tools that bind settings from elsewhere (a framework's
     * configuration, an IDE's completion metadata) and name them as Kafkify does.
     *
     * @return a description of each typed setting, in the order of docs/configuration.md's tables
     */
    public static List<SettingDescription> settings() {
        return Settings.ALL.stream()
                .map(setting -> new SettingDescription(setting.javaName(), setting.kafkaName(), setting.kafkifyName(),
                        setting.envName(), setting.type(), setting.defaultValue()))
                .collect(Collectors.toUnmodifiableList());
    }

    // ---------------------------------------------------------------- getters

    /** @return the brokers to bootstrap from, {@code host:port[,host:port...]}; Kafka's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return value(Settings.BOOTSTRAP_SERVERS);
    }

    /** @return the consumer group; Kafka's {@code group.id}; default {@value #DEFAULT_GROUP_ID} */
    public String groupId() {
        return value(Settings.GROUP_ID);
    }

    /**
     * @return whether Kafka commits offsets on its own; Kafka's {@code enable.auto.commit};
     *     default {@code false}. When {@code true}, records can be lost: see
     *     {@link Builder#enableAutoCommit(boolean)}
     */
    public boolean enableAutoCommit() {
        return value(Settings.ENABLE_AUTO_COMMIT);
    }

    /** @return where to start without a committed offset; Kafka's {@code auto.offset.reset}; default {@value #DEFAULT_AUTO_OFFSET_RESET} */
    public String autoOffsetReset() {
        return value(Settings.AUTO_OFFSET_RESET);
    }

    /** @return which transactional records are read; Kafka's {@code isolation.level}; default {@value #DEFAULT_ISOLATION_LEVEL} */
    public String isolationLevel() {
        return value(Settings.ISOLATION_LEVEL);
    }

    /** @return the longest time between polls before the group evicts the consumer, in ms; Kafka's {@code max.poll.interval.ms}; default {@value #DEFAULT_MAX_POLL_INTERVAL_MS} */
    public int maxPollIntervalMs() {
        return value(Settings.MAX_POLL_INTERVAL_MS);
    }

    /**
     * @return the client's backoff between retried requests to the broker, in ms; Kafka's
     *     {@code retry.backoff.ms}; default {@value #DEFAULT_RETRY_BACKOFF_MS}. Not the delay
     *     between attempts at a record: that is {@link #recordRetryBackoffMs()}
     */
    public long retryBackoffMs() {
        return value(Settings.RETRY_BACKOFF_MS);
    }

    /** @return the most records one poll returns; Kafka's {@code max.poll.records}; default {@value #DEFAULT_MAX_POLL_RECORDS} */
    public int maxPollRecords() {
        return value(Settings.MAX_POLL_RECORDS);
    }

    /** @return the client id, if set; Kafka's {@code client.id}; unset by default (Kafka generates one) */
    public Optional<String> clientId() {
        return Optional.ofNullable(value(Settings.CLIENT_ID));
    }

    /** @return which records may be handled at the same time; Kafkify's {@code kafkify.ordering}; default {@link Ordering#PARTITION} */
    public Ordering ordering() {
        return value(Settings.ORDERING);
    }

    /** @return the most handlers in flight at once; {@code kafkify.max-concurrency}; default {@value #DEFAULT_MAX_CONCURRENCY} */
    public int maxConcurrency() {
        return value(Settings.MAX_CONCURRENCY);
    }

    /**
     * @return the backpressure bound: above this many records fetched but not finished, the
     *     consumer pauses its partitions (and keeps polling) until the handlers catch up;
     *     {@code kafkify.max-buffered-records}; default {@value #DEFAULT_MAX_BUFFERED_RECORDS}
     */
    public int maxBufferedRecords() {
        return value(Settings.MAX_BUFFERED_RECORDS);
    }

    /** @return how long a stop waits for in-flight records before committing and closing; {@code kafkify.shutdown-timeout}; default 30 s */
    public Duration shutdownTimeout() {
        return value(Settings.SHUTDOWN_TIMEOUT);
    }

    /** @return how long a rebalance waits for the in-flight records of revoked partitions; {@code kafkify.revoke-timeout}; default 10 s */
    public Duration revokeTimeout() {
        return value(Settings.REVOKE_TIMEOUT);
    }

    /**
     * @return how long a partition's oldest unfinished record, or its committable offset while
     *     records wait, may stand before the state names the partition stuck and is not healthy;
     *     {@code kafkify.max-unfinished-age}; default 60 s
     */
    public Duration maxUnfinishedAge() {
        return value(Settings.MAX_UNFINISHED_AGE);
    }

    /** @return attempts per record, the first included; {@code kafkify.max-attempts}; default {@value #DEFAULT_MAX_ATTEMPTS} */
    public int maxAttempts() {
        return value(Settings.MAX_ATTEMPTS);
    }

    /**
     * @return the delay before a failed record's second attempt, in ms; it doubles for each
     *     further attempt, up to {@link #maxRetryBackoffMs()}; {@code kafkify.record-retry-backoff-ms};
     *     default {@value #DEFAULT_RECORD_RETRY_BACKOFF_MS}
     */
    public long recordRetryBackoffMs() {
        return value(Settings.RECORD_RETRY_BACKOFF_MS);
    }

    /**
     * @return the longest delay between two attempts at a record, in ms (the delay starts at
     *     {@link #recordRetryBackoffMs()} and doubles); {@code kafkify.max-retry-backoff-ms}; default
     *     {@value #DEFAULT_MAX_RETRY_BACKOFF_MS}
     */
    public long maxRetryBackoffMs() {
        return value(Settings.MAX_RETRY_BACKOFF_MS);
    }

    /** @return what happens to a record after its last attempt; {@code kafkify.failure-policy}; default {@code DEAD_LETTER} */
    public FailurePolicy failurePolicy() {
        return value(Settings.FAILURE_POLICY);
    }

    /** @return appended to a topic's name to name its dead-letter topic; {@code kafkify.dead-letter-suffix}; default {@value #DEFAULT_DEAD_LETTER_SUFFIX} */
    public String deadLetterSuffix() {
        return value(Settings.DEAD_LETTER_SUFFIX);
    }

    /**
     * @return whether records no handler takes go to the dead-letter topic instead of being
     *     skipped and committed with a warning (the documented default);
     *     {@code kafkify.dead-letter-unrouted}; default {@code false}
     */
    public boolean deadLetterUnrouted() {
        return value(Settings.DEAD_LETTER_UNROUTED);
    }

    /**
     * @return whether a missing dead-letter topic is created before its first dead letter, with
     *     as many partitions as its source topic; {@code kafkify.create-dead-letter-topics};
     *     default {@code false}
     */
    public boolean createDeadLetterTopics() {
        return value(Settings.CREATE_DEAD_LETTER_TOPICS);
    }

    /**
     * @return whether properties a typed payload's type does not declare fail its binding, for
     *     every handler that does not choose for itself ({@code Payload.strict()},
     *     {@code Payload.tolerant()}); {@code kafkify.strict-payloads}; default {@code false}: a
     *     tolerant reader, so that a producer may add a field
     */
    public boolean strictPayloads() {
        return value(Settings.STRICT_PAYLOADS);
    }

    /**
     * The one {@link ObjectMapper} that both adapters built with this configuration, and the
     * in-memory consumer given it, read JSON values and bind typed payloads with (builder only).
     * Not part of {@link #equals}: it is not a setting.
     *
     * @return the mapper given to the builder, else {@link JsonDefaults#objectMapper()}
     */
    public ObjectMapper objectMapper() {
        return objectMapper;
    }

    /** @return exception types that go to the failure policy without retries (builder only); empty by default */
    public Set<Class<? extends Throwable>> nonRetryable() {
        return nonRetryable;
    }

    /**
     * @return the run-time policy this configuration describes: ordering, concurrency, retries
     *     and failure handling, as the dispatch engine takes them
     */
    public ProcessingPolicy toProcessingPolicy() {
        return new ProcessingPolicy(ordering(), maxConcurrency(), maxAttempts(), Duration.ofMillis(recordRetryBackoffMs()),
                Duration.ofMillis(Math.max(maxRetryBackoffMs(), recordRetryBackoffMs())), failurePolicy(), deadLetterSuffix(),
                deadLetterUnrouted(), nonRetryable);
    }

    /**
     * @return properties for the producer that publishes dead letters: the bootstrap servers,
     *     every pass-through property the producer also understands (security, SASL, TLS, client
     *     DNS...), byte-array serializers, {@code acks=all} and idempotence. Holds secrets in
     *     clear: do not log it.
     */
    public Map<String, Object> toDeadLetterProducerProperties() {
        return DeadLetterProducerProperties.of(this);
    }

    /**
     * @return every pass-through Kafka property, by name, sorted, unmodifiable; values as given
     *     (unmasked: use {@link #toMaskedMap()} to show them)
     */
    public Map<String, Object> extraProperties() {
        return extraProperties;
    }

    /**
     * @param propertyName a Kafka property name, a Kafkify name ({@code kafkify.client-id}), a
     *     setting name ({@code clientId}) or a {@code KAFKIFY_} environment variable
     * @return whether its value is masked in messages and logs: Kafka types it as a password, its
     *     name looks secret, or it was marked with {@link Builder#secret(String)}
     */
    public boolean isSecret(String propertyName) {
        return ConfigMasking.isSecret(propertyName, secretNames);
    }

    // ---------------------------------------------------------------- output

    /**
     * @return a new, mutable map for {@code new KafkaConsumer<byte[], byte[]>(map)}: the typed
     *     Kafka settings ({@code client.id} only when set), {@code retry.backoff.max.ms} raised to
     *     {@link #retryBackoffMs()} when that is above Kafka's 1000 ms cap and the cap was not
     *     given, {@link ByteArrayDeserializer} for key and value, and every pass-through
     *     property. Holds secrets in clear: do not log it.
     */
    public Map<String, Object> toConsumerProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            Object value = values.get(setting);
            if (setting.kafkaName() != null && value != null) {
                properties.put(setting.kafkaName(), value);
            }
        }
        // Kafka caps retry.backoff.ms at retry.backoff.max.ms (default 1000 ms): without this, the
        // documented 2000 ms default would silently become 1000 ms.
        if (retryBackoffMs() > CommonClientConfigs.DEFAULT_RETRY_BACKOFF_MAX_MS
                && !extraProperties.containsKey(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG)) {
            properties.put(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, retryBackoffMs());
        }
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.putAll(extraProperties);
        return properties;
    }

    /**
     * @return every setting, for logging: the entries of {@link #toConsumerProperties()} (classes
     *     by name), then Kafkify's own settings under their {@code kafkify.} names, with every
     *     secret value replaced by {@value #MASK}; unmodifiable
     */
    public Map<String, Object> toMaskedMap() {
        return ConfigMasking.maskedMap(this);
    }

    /** @return a new builder holding every setting of this configuration, to derive a variant */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return whether {@code other} holds the same settings, pass-through properties and secret markings */
    @Override
    public boolean equals(@Nullable Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof KafkaConsumerConfig that)) {
            return false;
        }
        return values.equals(that.values)
                && nonRetryable.equals(that.nonRetryable)
                && extraProperties.equals(that.extraProperties)
                && secretNames.equals(that.secretNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, nonRetryable, extraProperties, secretNames);
    }

    /** @return {@code KafkaConsumerConfig} and {@link #toMaskedMap()}: secrets show as {@value #MASK} */
    @Override
    public String toString() {
        return SUBJECT + toMaskedMap();
    }

    // ---------------------------------------------------------------- internals

    /** @return a setting's value, for the getters and for the classes that derive output from the declarations */
    <T> T value(Setting<T> setting) {
        return setting.from(values);
    }

    // ---------------------------------------------------------------- builder

    /**
     * Collects settings, then {@link #build()} validates them all at once. Every setter returns
     * this builder; a later call for the same setting (under any of its names) replaces the
     * earlier value and any conversion error the earlier value had.
     *
     * <p>Setters do not throw on bad values: {@code build()} reports every violation in one
     * {@link InvalidConfigurationException}. Not thread-safe: use a builder from one thread.
     */
    public static final class Builder {

        private final Map<Setting<?>, Object> values = Settings.defaults();
        private final Set<Class<? extends Throwable>> nonRetryable = new LinkedHashSet<>();
        private final Map<String, Object> extraProperties = new TreeMap<>();
        private final Set<String> secretNames = new TreeSet<>();
        /** Values rejected before build(), by the name a later call would overwrite them under. */
        private final Map<String, Violation> inputViolations = new TreeMap<>();
        private final ConfigLoading loading = new ConfigLoading(this);
        private @Nullable ObjectMapper objectMapper;

        private Builder() {
        }

        private Builder(KafkaConsumerConfig config) {
            this.values.putAll(config.values);
            this.nonRetryable.addAll(config.nonRetryable);
            this.extraProperties.putAll(config.extraProperties);
            this.secretNames.addAll(config.secretNames);
            this.objectMapper = config.objectMapper;
        }

        /**
         * Required. Kafka's {@code bootstrap.servers}.
         *
         * @param bootstrapServers comma-separated {@code host:port} entries, each port 1..65535,
         *     e.g. {@code "kafka-1:9092,kafka-2:9092"}
         * @return this builder
         */
        public Builder bootstrapServers(String bootstrapServers) {
            return set(Settings.BOOTSTRAP_SERVERS, bootstrapServers);
        }

        /**
         * Kafka's {@code group.id}. Default {@value KafkaConsumerConfig#DEFAULT_GROUP_ID}.
         *
         * @param groupId the consumer group, not blank
         * @return this builder
         */
        public Builder groupId(String groupId) {
            return set(Settings.GROUP_ID, groupId);
        }

        /**
         * Kafka's {@code enable.auto.commit}. Default {@code false}: Kafkify commits an offset
         * only once every record before it is handled, dead-lettered or deliberately skipped.
         *
         * <p><b>{@code true} gives up the at-least-once guarantee</b>: Kafka then commits the
         * offsets of polled records on its own schedule, whether they were handled or not, so a
         * crash, a failing handler or a stop can lose records. It is accepted, for applications
         * that can afford it, and {@link #build()} logs a warning each time it builds such a
         * configuration.
         *
         * @param enableAutoCommit whether Kafka commits on its own
         * @return this builder
         */
        public Builder enableAutoCommit(boolean enableAutoCommit) {
            return set(Settings.ENABLE_AUTO_COMMIT, enableAutoCommit);
        }

        /**
         * Kafka's {@code auto.offset.reset}: where a group without a committed offset starts.
         * Default {@value KafkaConsumerConfig#DEFAULT_AUTO_OFFSET_RESET}.
         *
         * @param autoOffsetReset {@code earliest}, {@code latest} or {@code none} (fail)
         * @return this builder
         */
        public Builder autoOffsetReset(String autoOffsetReset) {
            return set(Settings.AUTO_OFFSET_RESET, autoOffsetReset);
        }

        /**
         * Kafka's {@code isolation.level}. Default {@value KafkaConsumerConfig#DEFAULT_ISOLATION_LEVEL}:
         * records of aborted transactions are never handled.
         *
         * @param isolationLevel {@code read_committed} or {@code read_uncommitted}
         * @return this builder
         */
        public Builder isolationLevel(String isolationLevel) {
            return set(Settings.ISOLATION_LEVEL, isolationLevel);
        }

        /**
         * Kafka's {@code max.poll.interval.ms}. Default {@value KafkaConsumerConfig#DEFAULT_MAX_POLL_INTERVAL_MS}.
         * Kafkify keeps polling while handlers run, so this bounds the poll loop, not a handler.
         *
         * @param maxPollIntervalMs milliseconds, greater than 0; above {@link #revokeTimeout(Duration)}
         * @return this builder
         */
        public Builder maxPollIntervalMs(int maxPollIntervalMs) {
            return set(Settings.MAX_POLL_INTERVAL_MS, maxPollIntervalMs);
        }

        /**
         * Kafka's {@code retry.backoff.ms}: the client's wait before retrying a failed request to
         * the broker. Default {@value KafkaConsumerConfig#DEFAULT_RETRY_BACKOFF_MS}, the documented
         * library's. The delay between attempts at a failed record is
         * {@link #recordRetryBackoffMs(long)}, a setting of its own.
         * Kafka caps it at {@code retry.backoff.max.ms} (default 1000 ms), so unless that
         * property is given, the consumer properties raise the cap to this value.
         *
         * @param retryBackoffMs milliseconds, 0 or more
         * @return this builder
         */
        public Builder retryBackoffMs(long retryBackoffMs) {
            return set(Settings.RETRY_BACKOFF_MS, retryBackoffMs);
        }

        /**
         * Kafka's {@code max.poll.records}. Default {@value KafkaConsumerConfig#DEFAULT_MAX_POLL_RECORDS}.
         *
         * @param maxPollRecords 1 to 100000, at most {@link #maxBufferedRecords(int)}
         * @return this builder
         */
        public Builder maxPollRecords(int maxPollRecords) {
            return set(Settings.MAX_POLL_RECORDS, maxPollRecords);
        }

        /**
         * Kafka's {@code client.id}, which names the consumer in broker logs, quotas and metrics.
         * Unset by default: Kafka generates one.
         *
         * @param clientId not blank, or {@code null} to unset
         * @return this builder
         */
        public Builder clientId(@Nullable String clientId) {
            return set(Settings.CLIENT_ID, clientId);
        }

        /**
         * {@code kafkify.ordering}: which records may be handled at the same time. Default
         * {@link Ordering#PARTITION}.
         *
         * @param ordering not {@code null}
         * @return this builder
         */
        public Builder ordering(Ordering ordering) {
            return set(Settings.ORDERING, ordering);
        }

        /**
         * {@code kafkify.max-concurrency}: the most handlers in flight at once, across every
         * partition. Default {@value KafkaConsumerConfig#DEFAULT_MAX_CONCURRENCY}.
         *
         * @param maxConcurrency 1 to 10000
         * @return this builder
         */
        public Builder maxConcurrency(int maxConcurrency) {
            return set(Settings.MAX_CONCURRENCY, maxConcurrency);
        }

        /**
         * {@code kafkify.max-buffered-records}: the backpressure bound. Above this many records
         * fetched but not finished, the consumer pauses its partitions and keeps polling (so it
         * stays in the group) until the handlers catch up. Default
         * {@value KafkaConsumerConfig#DEFAULT_MAX_BUFFERED_RECORDS}.
         *
         * @param maxBufferedRecords at least {@link #maxPollRecords(int)}: one poll must fit
         * @return this builder
         */
        public Builder maxBufferedRecords(int maxBufferedRecords) {
            return set(Settings.MAX_BUFFERED_RECORDS, maxBufferedRecords);
        }

        /**
         * {@code kafkify.shutdown-timeout}: how long a stop waits for in-flight records before
         * it commits what finished and closes. Default 30 seconds.
         *
         * @param shutdownTimeout greater than zero
         * @return this builder
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            return set(Settings.SHUTDOWN_TIMEOUT, shutdownTimeout);
        }

        /**
         * {@code kafkify.revoke-timeout}: how long a rebalance waits for the in-flight records
         * of revoked partitions before it commits what finished. Default 10 seconds.
         *
         * @param revokeTimeout zero (do not wait) or more, shorter than {@link #maxPollIntervalMs(int)}
         * @return this builder
         */
        public Builder revokeTimeout(Duration revokeTimeout) {
            return set(Settings.REVOKE_TIMEOUT, revokeTimeout);
        }

        /**
         * {@code kafkify.max-unfinished-age}: how long a partition's oldest unfinished record, or
         * its committable offset while records wait, may stand before
         * {@link io.kafkify.consumers.domain.ConsumerState#stuckPartitions()} names the partition and
         * {@code healthy()} turns false. Default 60 seconds. For {@link KafkaShareConsumerAdapter},
         * how long the member may hold a record it acquired and has not acknowledged.
         *
         * @param maxUnfinishedAge more than zero
         * @return this builder
         */
        public Builder maxUnfinishedAge(Duration maxUnfinishedAge) {
            return set(Settings.MAX_UNFINISHED_AGE, maxUnfinishedAge);
        }

        /**
         * Sets one property by name:
         * <ul>
         *   <li>a Kafka name of a typed setting ({@code group.id}, {@code max.poll.records}...)
         *       or a Kafkify name ({@code kafkify.ordering}...) sets that setting, converting text
         *       as the class description says; a value that does not convert is a violation;</li>
         *   <li>{@code key.deserializer} and {@code value.deserializer} are violations: Kafkify
         *       always reads raw bytes and decodes them itself, so pass a decoder to
         *       {@code KafkaBaseConsumerAdapter} instead ({@link ByteArrayDeserializer} itself is
         *       tolerated and ignored);</li>
         *   <li>any other {@code kafkify.} name is a violation naming the known ones;</li>
         *   <li>any other name is passed to the {@code KafkaConsumer} unchanged. Kafka's rules for
         *       it are checked by {@link #build()}; a name Kafka does not define is kept and
         *       logged as a warning, as Kafka does.</li>
         * </ul>
         *
         * @param name the property name, not {@code null}
         * @param value its value; {@code null} only unsets {@code client.id} and is a violation
         *     otherwise
         * @return this builder
         */
        public Builder property(String name, @Nullable Object value) {
            Objects.requireNonNull(name, "name");
            loading.property(name, value, name);
            return this;
        }

        /**
         * Sets every entry as {@link #property(String, Object)} does. When one setting appears
         * under both its Kafka and its Kafkify name, the Kafkify name wins, whatever the map's
         * order.
         *
         * @param properties name to value, not {@code null}
         * @return this builder
         */
        public Builder properties(Map<String, ?> properties) {
            Objects.requireNonNull(properties, "properties");
            loading.properties(properties);
            return this;
        }

        /**
         * Sets every property, defaults of the {@code Properties} object included, as
         * {@link #properties(Map)} does.
         *
         * @param properties the properties, not {@code null}
         * @return this builder
         */
        public Builder properties(Properties properties) {
            Objects.requireNonNull(properties, "properties");
            loading.properties(properties);
            return this;
        }

        /**
         * Reads the {@code KAFKIFY_} variables of an environment; others are ignored.
         * <ul>
         *   <li>{@code KAFKIFY_<SETTING>} sets a typed setting, the setting's name in upper snake
         *       case: {@code KAFKIFY_MAX_POLL_RECORDS} sets {@code maxPollRecords} (every variable
         *       is in the tables of docs/configuration.md);</li>
         *   <li>{@code KAFKIFY_KAFKA_<PROPERTY>} sets any Kafka property as
         *       {@link #property(String, Object)} does: the rest of the name lower-cased, each
         *       {@code _} a {@code .}, e.g. {@code KAFKIFY_KAFKA_SASL_MECHANISM} is
         *       {@code sasl.mechanism};</li>
         *   <li>any other {@code KAFKIFY_} variable is a violation naming the known ones (the
         *       prefix is Kafkify's: a misspelt variable must not be silently ignored).</li>
         * </ul>
         * A typed variable wins over the same setting given as a {@code KAFKIFY_KAFKA_}
         * variable. Conversion errors ({@code KAFKIFY_MAX_POLL_RECORDS=abc}) are violations
         * reported by {@link #build()}, naming the variable.
         *
         * @param environment variable name to value, e.g. {@link System#getenv()}
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment");
            loading.environment(environment);
            return this;
        }

        /**
         * Reads the process environment ({@link System#getenv()}) as {@link #environment(Map)}
         * does. Called last, after the code's own settings, it lets operators override them:
         * every call of the builder sets what it names, and the last one wins.
         *
         * @return this builder
         */
        public Builder environment() {
            return environment(System.getenv());
        }

        /**
         * {@code kafkify.max-attempts}: attempts per record, the first included, before the
         * failure policy takes it. Retries wait {@link #recordRetryBackoffMs(long)}, doubling each
         * time up to {@link #maxRetryBackoffMs(long)}, with jitter; they never block polling.
         * Default {@value KafkaConsumerConfig#DEFAULT_MAX_ATTEMPTS}.
         *
         * @param maxAttempts 1 (no retry) to 100
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            return set(Settings.MAX_ATTEMPTS, maxAttempts);
        }

        /**
         * {@code kafkify.record-retry-backoff-ms}: the delay before a failed record's second
         * attempt, in ms; it doubles for each further attempt up to
         * {@link #maxRetryBackoffMs(long)}, with jitter. Default
         * {@value KafkaConsumerConfig#DEFAULT_RECORD_RETRY_BACKOFF_MS}.
         *
         * @param recordRetryBackoffMs milliseconds, 0 (retry at once) or more
         * @return this builder
         */
        public Builder recordRetryBackoffMs(long recordRetryBackoffMs) {
            return set(Settings.RECORD_RETRY_BACKOFF_MS, recordRetryBackoffMs);
        }

        /**
         * {@code kafkify.max-retry-backoff-ms}: the longest delay between two attempts at a
         * record, in ms. Default {@value KafkaConsumerConfig#DEFAULT_MAX_RETRY_BACKOFF_MS}.
         *
         * @param maxRetryBackoffMs zero or more; below {@code recordRetryBackoffMs} it is raised to it
         * @return this builder
         */
        public Builder maxRetryBackoffMs(long maxRetryBackoffMs) {
            return set(Settings.MAX_RETRY_BACKOFF_MS, maxRetryBackoffMs);
        }

        /**
         * {@code kafkify.failure-policy}: what happens to a record after its last attempt, or
         * at once when retrying cannot help. Default {@link FailurePolicy#DEAD_LETTER}.
         *
         * @param failurePolicy not {@code null}
         * @return this builder
         */
        public Builder failurePolicy(FailurePolicy failurePolicy) {
            return set(Settings.FAILURE_POLICY, failurePolicy);
        }

        /**
         * {@code kafkify.dead-letter-suffix}: appended to a topic's name to name its
         * dead-letter topic. Default {@value KafkaConsumerConfig#DEFAULT_DEAD_LETTER_SUFFIX}.
         *
         * @param deadLetterSuffix not blank; characters Kafka allows in topic names
         * @return this builder
         */
        public Builder deadLetterSuffix(String deadLetterSuffix) {
            return set(Settings.DEAD_LETTER_SUFFIX, deadLetterSuffix);
        }

        /**
         * {@code kafkify.dead-letter-unrouted}: send records no handler takes to the
         * dead-letter topic instead of skipping and committing them with a warning (the
         * documented default). Default {@code false}.
         *
         * @param deadLetterUnrouted whether to dead-letter unrouted records
         * @return this builder
         */
        public Builder deadLetterUnrouted(boolean deadLetterUnrouted) {
            return set(Settings.DEAD_LETTER_UNROUTED, deadLetterUnrouted);
        }

        /**
         * {@code kafkify.create-dead-letter-topics}: create a missing dead-letter topic before its
         * first dead letter, with as many partitions as its source topic and the broker's default
         * replication; the consumer's principal needs the right to create topics. Default
         * {@code false}: a missing topic fails the publish with a message that says to create it,
         * and nothing past the record is committed.
         *
         * @param createDeadLetterTopics whether to create missing dead-letter topics
         * @return this builder
         */
        public Builder createDeadLetterTopics(boolean createDeadLetterTopics) {
            return set(Settings.CREATE_DEAD_LETTER_TOPICS, createDeadLetterTopics);
        }

        /**
         * {@code kafkify.strict-payloads}: make properties that a typed payload's type does not
         * declare fail its binding (the record goes to the failure policy), for every handler
         * that does not choose for itself. Default {@code false}: unknown properties are ignored.
         *
         * @param strictPayloads whether unknown properties fail binding
         * @return this builder
         */
        public Builder strictPayloads(boolean strictPayloads) {
            return set(Settings.STRICT_PAYLOADS, strictPayloads);
        }

        /**
         * The one mapper for JSON values and typed payloads, configured once for the
         * application's types (modules, naming): both adapters and the in-memory consumer given
         * this configuration use it. Kafkify reads with a copy that has the {@code java.time}
         * module when the mapper lacks it; whether unknown properties fail is
         * {@link #strictPayloads}'s, not the mapper's. Default: {@link JsonDefaults#objectMapper()}.
         *
         * @param mapper the mapper
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper mapper) {
            this.objectMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Declares exception types that retrying cannot fix: a record whose handler throws one
         * (or an exception caused by one) goes to the failure policy at once. Payload problems
         * and {@link io.kafkify.consumers.domain.NonRetryableException} are never retried
         * without this call.
         *
         * @param types exception types, subtypes included
         * @return this builder
         */
        @SafeVarargs
        public final Builder nonRetryable(Class<? extends Throwable>... types) {
            for (Class<? extends Throwable> type : types) {
                nonRetryable.add(Objects.requireNonNull(type, "type"));
            }
            return this;
        }

        /**
         * Marks a property as secret: its value is masked ({@value KafkaConsumerConfig#MASK}) in
         * {@code toString()}, {@code toMaskedMap()}, violation messages and log lines. Kafka's
         * password properties and names containing {@code password}, {@code passphrase},
         * {@code secret}, {@code jaas} or {@code credential} are secret without this call.
         *
         * @param propertyName a Kafka property name, or a setting under any of its names
         * @return this builder
         */
        public Builder secret(String propertyName) {
            secretNames.add(Objects.requireNonNull(propertyName, "propertyName"));
            return this;
        }

        /**
         * Validates every setting at once (the rules each setting declares, rules between settings,
         * Kafka's own rules for pass-through properties, and the conversion errors of earlier
         * calls) and builds the configuration. Logs a warning when {@code enable.auto.commit} is
         * true and when a pass-through property is unknown to Kafka; never logs a value.
         *
         * @return the immutable configuration
         * @throws InvalidConfigurationException listing every violation, sorted by property, as
         *     {@code property: rule, was "value"}, secret values masked
         */
        public KafkaConsumerConfig build() {
            KafkaConsumerConfig config = new KafkaConsumerConfig(this);
            ConfigValidation.check(config, inputViolations.values());
            return config;
        }

        private <T> Builder set(Setting<T> setting, @Nullable T value) {
            values.put(setting, value);
            inputViolations.remove(setting.javaName());
            return this;
        }

        /** Sets a setting from a loose value; one that does not convert is kept as a violation. */
        void setLoose(Setting<?> setting, @Nullable Object value, String source) {
            try {
                values.put(setting, setting.convert(value));
                inputViolations.remove(setting.javaName());
            } catch (ConversionException e) {
                inputViolations.put(setting.javaName(), new Violation(setting.javaName(),
                        e.getMessage() + ConfigLoading.given(setting.javaName(), source), value));
            }
        }

        void putExtra(String name, Object value) {
            extraProperties.put(name, value);
        }

        void removeExtra(String name) {
            extraProperties.remove(name);
            inputViolations.remove(name);
        }

        void violation(Violation violation) {
            inputViolations.put(violation.property(), violation);
        }
    }
}
