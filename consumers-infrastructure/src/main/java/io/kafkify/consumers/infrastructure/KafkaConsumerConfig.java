package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import io.kafkify.consumers.infrastructure.internal.config.HostPortList;
import io.kafkify.consumers.infrastructure.internal.config.KafkaPropertyRules;
import io.kafkify.consumers.infrastructure.internal.config.OneOf;
import io.kafkify.consumers.infrastructure.internal.config.SecretProperties;
import io.kafkify.consumers.infrastructure.internal.config.ValueConversions;
import io.kafkify.consumers.infrastructure.internal.config.ValueConversions.ConversionException;
import io.kafkify.consumers.infrastructure.internal.config.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.time.DurationMin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * and the setting in upper snake case.
 *
 * <table>
 *   <caption>Typed settings</caption>
 *   <tr><th>Setting</th><th>Kafka name</th><th>Kafkify name</th><th>Environment</th>
 *       <th>Default</th><th>Rule</th></tr>
 *   <tr><td>bootstrapServers</td><td>bootstrap.servers</td><td>kafkify.bootstrap-servers</td>
 *       <td>KAFKIFY_BOOTSTRAP_SERVERS</td><td>none: required</td>
 *       <td>comma-separated {@code host:port}, port 1..65535</td></tr>
 *   <tr><td>groupId</td><td>group.id</td><td>kafkify.group-id</td><td>KAFKIFY_GROUP_ID</td>
 *       <td>{@code my-app-consumer}</td><td>not blank</td></tr>
 *   <tr><td>enableAutoCommit</td><td>enable.auto.commit</td><td>kafkify.enable-auto-commit</td>
 *       <td>KAFKIFY_ENABLE_AUTO_COMMIT</td><td>{@code false}</td><td>{@code true} gives up at least once</td></tr>
 *   <tr><td>autoOffsetReset</td><td>auto.offset.reset</td><td>kafkify.auto-offset-reset</td>
 *       <td>KAFKIFY_AUTO_OFFSET_RESET</td><td>{@code earliest}</td><td>earliest, latest or none</td></tr>
 *   <tr><td>isolationLevel</td><td>isolation.level</td><td>kafkify.isolation-level</td>
 *       <td>KAFKIFY_ISOLATION_LEVEL</td><td>{@code read_committed}</td>
 *       <td>read_committed or read_uncommitted</td></tr>
 *   <tr><td>maxPollIntervalMs</td><td>max.poll.interval.ms</td><td>kafkify.max-poll-interval-ms</td>
 *       <td>KAFKIFY_MAX_POLL_INTERVAL_MS</td><td>300000</td><td>&gt; 0</td></tr>
 *   <tr><td>retryBackoffMs</td><td>retry.backoff.ms</td><td>kafkify.retry-backoff-ms</td>
 *       <td>KAFKIFY_RETRY_BACKOFF_MS</td><td>2000</td><td>&gt;= 0</td></tr>
 *   <tr><td>maxPollRecords</td><td>max.poll.records</td><td>kafkify.max-poll-records</td>
 *       <td>KAFKIFY_MAX_POLL_RECORDS</td><td>500</td><td>1..100000</td></tr>
 *   <tr><td>clientId</td><td>client.id</td><td>kafkify.client-id</td><td>KAFKIFY_CLIENT_ID</td>
 *       <td>unset (Kafka generates one)</td><td>not blank when set</td></tr>
 *   <tr><td>ordering</td><td></td><td>kafkify.ordering</td><td>KAFKIFY_ORDERING</td>
 *       <td>{@code PARTITION}</td><td>PARTITION, KEY or UNORDERED (any case)</td></tr>
 *   <tr><td>maxConcurrency</td><td></td><td>kafkify.max-concurrency</td><td>KAFKIFY_MAX_CONCURRENCY</td>
 *       <td>16</td><td>1..10000</td></tr>
 *   <tr><td>maxBufferedRecords</td><td></td><td>kafkify.max-buffered-records</td>
 *       <td>KAFKIFY_MAX_BUFFERED_RECORDS</td><td>10000</td><td>&gt;= 2 &times; maxPollRecords</td></tr>
 *   <tr><td>shutdownTimeout</td><td></td><td>kafkify.shutdown-timeout</td><td>KAFKIFY_SHUTDOWN_TIMEOUT</td>
 *       <td>30 s</td><td>&gt; 0</td></tr>
 *   <tr><td>revokeTimeout</td><td></td><td>kafkify.revoke-timeout</td><td>KAFKIFY_REVOKE_TIMEOUT</td>
 *       <td>10 s</td><td>&gt;= 0 and &lt; maxPollIntervalMs</td></tr>
 *   <tr><td>maxAttempts</td><td></td><td>kafkify.max-attempts</td><td>KAFKIFY_MAX_ATTEMPTS</td>
 *       <td>3</td><td>1..100</td></tr>
 *   <tr><td>maxRetryBackoffMs</td><td></td><td>kafkify.max-retry-backoff-ms</td>
 *       <td>KAFKIFY_MAX_RETRY_BACKOFF_MS</td><td>30000</td><td>&gt;= 0</td></tr>
 *   <tr><td>failurePolicy</td><td></td><td>kafkify.failure-policy</td><td>KAFKIFY_FAILURE_POLICY</td>
 *       <td>{@code DEAD_LETTER}</td><td>DEAD_LETTER, STOP or SKIP (any case)</td></tr>
 *   <tr><td>deadLetterSuffix</td><td></td><td>kafkify.dead-letter-suffix</td>
 *       <td>KAFKIFY_DEAD_LETTER_SUFFIX</td><td>{@code .DLT}</td><td>not blank, topic-name characters</td></tr>
 *   <tr><td>deadLetterUnrouted</td><td></td><td>kafkify.dead-letter-unrouted</td>
 *       <td>KAFKIFY_DEAD_LETTER_UNROUTED</td><td>{@code false}</td><td></td></tr>
 * </table>
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

    /** The prefix of Kafkify's own property names, e.g. {@code kafkify.ordering}. */
    public static final String KAFKIFY_PREFIX = "kafkify.";
    /** The prefix of the environment variables Kafkify reads, e.g. {@code KAFKIFY_GROUP_ID}. */
    public static final String ENV_PREFIX = "KAFKIFY_";
    /** The prefix of environment variables holding any Kafka property, e.g. {@code KAFKIFY_KAFKA_SASL_MECHANISM}. */
    public static final String ENV_KAFKA_PREFIX = "KAFKIFY_KAFKA_";
    /** What is shown in place of a secret value. */
    public static final String MASK = SecretProperties.MASK;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConsumerConfig.class);
    private static final String SUBJECT = "KafkaConsumerConfig";
    private static final Set<String> DESERIALIZERS = Set.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    // The constraints below are checked by Hibernate Validator in Builder.build(); an instance
    // that breaks them never leaves the builder.

    @NotBlank(message = "must not be blank")
    @HostPortList
    private final String bootstrapServers;

    @NotBlank(message = "must not be blank")
    private final String groupId;

    private final boolean enableAutoCommit;

    @NotNull(message = "must not be null")
    @OneOf({"earliest", "latest", "none"})
    private final String autoOffsetReset;

    @NotNull(message = "must not be null")
    @OneOf({"read_committed", "read_uncommitted"})
    private final String isolationLevel;

    @Positive(message = "must be greater than 0")
    private final int maxPollIntervalMs;

    @PositiveOrZero(message = "must not be negative")
    private final long retryBackoffMs;

    @Range(min = 1, max = 100_000, message = "must be between {min} and {max}")
    private final int maxPollRecords;

    @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank when set")
    private final String clientId;

    @NotNull(message = "must not be null")
    private final Ordering ordering;

    @Range(min = 1, max = 10_000, message = "must be between {min} and {max}")
    private final int maxConcurrency;

    @Min(value = 1, message = "must be at least {value}")
    private final int maxBufferedRecords;

    @NotNull(message = "must not be null")
    @DurationMin(nanos = 0, inclusive = false, message = "must be greater than 0")
    private final Duration shutdownTimeout;

    @NotNull(message = "must not be null")
    @DurationMin(nanos = 0, message = "must not be negative")
    private final Duration revokeTimeout;

    @Range(min = 1, max = 100, message = "must be between {min} and {max}")
    private final int maxAttempts;

    @PositiveOrZero(message = "must not be negative")
    private final long maxRetryBackoffMs;

    @NotNull(message = "must not be null")
    private final FailurePolicy failurePolicy;

    @NotBlank(message = "must not be blank")
    @Pattern(regexp = "[a-zA-Z0-9._-]*", message = "must hold only the characters Kafka allows in a topic name")
    private final String deadLetterSuffix;

    private final boolean deadLetterUnrouted;

    private final Set<Class<? extends Throwable>> nonRetryable;
    private final Map<String, Object> extraProperties;
    private final Set<String> secretNames;

    private KafkaConsumerConfig(Builder builder) {
        this.bootstrapServers = builder.bootstrapServers;
        this.groupId = builder.groupId;
        this.enableAutoCommit = builder.enableAutoCommit;
        this.autoOffsetReset = builder.autoOffsetReset;
        this.isolationLevel = builder.isolationLevel;
        this.maxPollIntervalMs = builder.maxPollIntervalMs;
        this.retryBackoffMs = builder.retryBackoffMs;
        this.maxPollRecords = builder.maxPollRecords;
        this.clientId = builder.clientId;
        this.ordering = builder.ordering;
        this.maxConcurrency = builder.maxConcurrency;
        this.maxBufferedRecords = builder.maxBufferedRecords;
        this.shutdownTimeout = builder.shutdownTimeout;
        this.revokeTimeout = builder.revokeTimeout;
        this.maxAttempts = builder.maxAttempts;
        this.maxRetryBackoffMs = builder.maxRetryBackoffMs;
        this.failurePolicy = builder.failurePolicy;
        this.deadLetterSuffix = builder.deadLetterSuffix;
        this.deadLetterUnrouted = builder.deadLetterUnrouted;
        this.nonRetryable = Set.copyOf(builder.nonRetryable);
        this.extraProperties = Collections.unmodifiableMap(new TreeMap<>(builder.extraProperties));
        this.secretNames = Collections.unmodifiableSet(new TreeSet<>(builder.secretNames));
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
     * @return a builder loaded from the process environment ({@link System#getenv()}), for the
     *     code to override or complete before {@link Builder#build()}; conversion errors are
     *     reported by {@code build()} unless a later call sets the setting again
     */
    public static Builder builderFromEnvironment() {
        return builderFromEnvironment(System.getenv());
    }

    /**
     * @param environment variable name to value, as {@link Builder#environment(Map)} describes
     * @return a builder loaded from the given environment, for the code to override or complete
     */
    public static Builder builderFromEnvironment(Map<String, String> environment) {
        return builder().environment(environment);
    }

    // ---------------------------------------------------------------- getters

    /** @return the brokers to bootstrap from, {@code host:port[,host:port...]}; Kafka's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return the consumer group; Kafka's {@code group.id}; default {@value #DEFAULT_GROUP_ID} */
    public String groupId() {
        return groupId;
    }

    /**
     * @return whether Kafka commits offsets on its own; Kafka's {@code enable.auto.commit};
     *     default {@code false}. When {@code true}, records can be lost: see
     *     {@link Builder#enableAutoCommit(boolean)}
     */
    public boolean enableAutoCommit() {
        return enableAutoCommit;
    }

    /** @return where to start without a committed offset; Kafka's {@code auto.offset.reset}; default {@value #DEFAULT_AUTO_OFFSET_RESET} */
    public String autoOffsetReset() {
        return autoOffsetReset;
    }

    /** @return which transactional records are read; Kafka's {@code isolation.level}; default {@value #DEFAULT_ISOLATION_LEVEL} */
    public String isolationLevel() {
        return isolationLevel;
    }

    /** @return the longest time between polls before the group evicts the consumer, in ms; Kafka's {@code max.poll.interval.ms}; default {@value #DEFAULT_MAX_POLL_INTERVAL_MS} */
    public int maxPollIntervalMs() {
        return maxPollIntervalMs;
    }

    /** @return the client's backoff between retried requests, in ms; Kafka's {@code retry.backoff.ms}; default {@value #DEFAULT_RETRY_BACKOFF_MS} */
    public long retryBackoffMs() {
        return retryBackoffMs;
    }

    /** @return the most records one poll returns; Kafka's {@code max.poll.records}; default {@value #DEFAULT_MAX_POLL_RECORDS} */
    public int maxPollRecords() {
        return maxPollRecords;
    }

    /** @return the client id, if set; Kafka's {@code client.id}; unset by default (Kafka generates one) */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /** @return which records may be handled at the same time; Kafkify's {@code kafkify.ordering}; default {@link Ordering#PARTITION} */
    public Ordering ordering() {
        return ordering;
    }

    /** @return the most handlers in flight at once; {@code kafkify.max-concurrency}; default {@value #DEFAULT_MAX_CONCURRENCY} */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    /**
     * @return the backpressure bound: above this many records fetched but not finished, the
     *     consumer pauses its partitions (and keeps polling) until the handlers catch up;
     *     {@code kafkify.max-buffered-records}; default {@value #DEFAULT_MAX_BUFFERED_RECORDS}
     */
    public int maxBufferedRecords() {
        return maxBufferedRecords;
    }

    /** @return how long a stop waits for in-flight records before committing and closing; {@code kafkify.shutdown-timeout}; default 30 s */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** @return how long a rebalance waits for the in-flight records of revoked partitions; {@code kafkify.revoke-timeout}; default 10 s */
    public Duration revokeTimeout() {
        return revokeTimeout;
    }

    /** @return attempts per record, the first included; {@code kafkify.max-attempts}; default {@value #DEFAULT_MAX_ATTEMPTS} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * @return the longest delay between two attempts at a record, in ms (the delay starts at
     *     {@link #retryBackoffMs()} and doubles); {@code kafkify.max-retry-backoff-ms}; default
     *     {@value #DEFAULT_MAX_RETRY_BACKOFF_MS}
     */
    public long maxRetryBackoffMs() {
        return maxRetryBackoffMs;
    }

    /** @return what happens to a record after its last attempt; {@code kafkify.failure-policy}; default {@code DEAD_LETTER} */
    public FailurePolicy failurePolicy() {
        return failurePolicy;
    }

    /** @return appended to a topic's name to name its dead-letter topic; {@code kafkify.dead-letter-suffix}; default {@value #DEFAULT_DEAD_LETTER_SUFFIX} */
    public String deadLetterSuffix() {
        return deadLetterSuffix;
    }

    /**
     * @return whether records no handler takes go to the dead-letter topic instead of being
     *     skipped and committed with a warning (the documented default);
     *     {@code kafkify.dead-letter-unrouted}; default {@code false}
     */
    public boolean deadLetterUnrouted() {
        return deadLetterUnrouted;
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
        return new ProcessingPolicy(ordering, maxConcurrency, maxAttempts, Duration.ofMillis(retryBackoffMs),
                Duration.ofMillis(Math.max(maxRetryBackoffMs, retryBackoffMs)), failurePolicy, deadLetterSuffix,
                deadLetterUnrouted, nonRetryable);
    }

    /**
     * @return properties for the producer that publishes dead letters: the bootstrap servers,
     *     every pass-through property the producer also understands (security, SASL, TLS, client
     *     DNS...), byte-array serializers, {@code acks=all} and idempotence. Holds secrets in
     *     clear: do not log it.
     */
    public Map<String, Object> toDeadLetterProducerProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Set<String> producerNames = org.apache.kafka.clients.producer.ProducerConfig.configNames();
        extraProperties.forEach((name, value) -> {
            if (producerNames.contains(name) && !name.startsWith("key.") && !name.startsWith("value.")) {
                properties.put(name, value);
            }
        });
        properties.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(org.apache.kafka.clients.producer.ProducerConfig.CLIENT_ID_CONFIG,
                clientId().orElse(groupId) + "-dead-letters");
        properties.put(org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArraySerializer.class);
        properties.put(org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArraySerializer.class);
        properties.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        properties.put(org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.put(org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        return properties;
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
        return isSecret(propertyName, secretNames);
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
        for (Setting setting : Setting.values()) {
            Object value = setting.read.apply(this);
            if (setting.kafkaName != null && value != null) {
                properties.put(setting.kafkaName, value);
            }
        }
        // Kafka caps retry.backoff.ms at retry.backoff.max.ms (default 1000 ms): without this, the
        // documented 2000 ms default would silently become 1000 ms.
        if (retryBackoffMs > CommonClientConfigs.DEFAULT_RETRY_BACKOFF_MAX_MS
                && !extraProperties.containsKey(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG)) {
            properties.put(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG, retryBackoffMs);
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
        Map<String, Object> masked = new LinkedHashMap<>();
        toConsumerProperties().forEach((name, value) -> masked.put(name, shown(name, value)));
        for (Setting setting : Setting.values()) {
            if (setting.kafkaName == null) {
                masked.put(setting.kafkifyName, shown(setting.javaName, setting.read.apply(this)));
            }
        }
        return Collections.unmodifiableMap(masked);
    }

    /** @return a new builder holding every setting of this configuration, to derive a variant */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return whether {@code other} holds the same settings, pass-through properties and secret markings */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof KafkaConsumerConfig that)) {
            return false;
        }
        return enableAutoCommit == that.enableAutoCommit
                && maxPollIntervalMs == that.maxPollIntervalMs
                && retryBackoffMs == that.retryBackoffMs
                && maxPollRecords == that.maxPollRecords
                && maxConcurrency == that.maxConcurrency
                && maxBufferedRecords == that.maxBufferedRecords
                && bootstrapServers.equals(that.bootstrapServers)
                && groupId.equals(that.groupId)
                && autoOffsetReset.equals(that.autoOffsetReset)
                && isolationLevel.equals(that.isolationLevel)
                && Objects.equals(clientId, that.clientId)
                && ordering == that.ordering
                && shutdownTimeout.equals(that.shutdownTimeout)
                && revokeTimeout.equals(that.revokeTimeout)
                && maxAttempts == that.maxAttempts
                && maxRetryBackoffMs == that.maxRetryBackoffMs
                && failurePolicy == that.failurePolicy
                && deadLetterSuffix.equals(that.deadLetterSuffix)
                && deadLetterUnrouted == that.deadLetterUnrouted
                && nonRetryable.equals(that.nonRetryable)
                && extraProperties.equals(that.extraProperties)
                && secretNames.equals(that.secretNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bootstrapServers, groupId, enableAutoCommit, autoOffsetReset, isolationLevel,
                maxPollIntervalMs, retryBackoffMs, maxPollRecords, clientId, ordering, maxConcurrency,
                maxBufferedRecords, shutdownTimeout, revokeTimeout, maxAttempts, maxRetryBackoffMs, failurePolicy,
                deadLetterSuffix, deadLetterUnrouted, nonRetryable, extraProperties, secretNames);
    }

    /** @return {@code KafkaConsumerConfig} and {@link #toMaskedMap()}: secrets show as {@value #MASK} */
    @Override
    public String toString() {
        return SUBJECT + toMaskedMap();
    }

    // ---------------------------------------------------------------- internals

    private Object shown(String name, Object value) {
        if (isSecret(name)) {
            return MASK;
        }
        return value instanceof Class<?> type ? type.getName() : value;
    }

    private static boolean isSecret(String name, Set<String> marked) {
        Setting setting = Setting.byAnyName(name);
        if (setting == null) {
            return marked.contains(name) || SecretProperties.looksSecret(name);
        }
        for (String alias : setting.names()) {
            if (marked.contains(alias) || SecretProperties.looksSecret(alias)) {
                return true;
            }
        }
        return false;
    }

    /** Rules between settings, checked only when each setting is valid on its own. */
    private List<Violation> crossSettingViolations() {
        List<Violation> violations = new ArrayList<>();
        if (maxPollRecords >= 1 && maxBufferedRecords >= 1 && maxBufferedRecords < 2L * maxPollRecords) {
            violations.add(new Violation("maxBufferedRecords",
                    "must be at least twice maxPollRecords (" + maxPollRecords + "): a partition stuck behind"
                            + " one record may hold a poll's worth, and the other partitions need room for the next"
                            + " poll; raise it or lower maxPollRecords",
                    maxBufferedRecords));
        }
        if (revokeTimeout != null && !revokeTimeout.isNegative() && maxPollIntervalMs > 0
                && revokeTimeout.compareTo(Duration.ofMillis(maxPollIntervalMs)) >= 0) {
            violations.add(new Violation("revokeTimeout",
                    "must be shorter than maxPollIntervalMs (" + maxPollIntervalMs + " ms) since the wait"
                            + " runs inside poll() and a consumer that does not poll in time leaves the group",
                    revokeTimeout));
        }
        return violations;
    }

    private void warnAboutRisks() {
        if (enableAutoCommit) {
            LOG.warn("enable.auto.commit is true: Kafka commits the offsets of polled records on its own schedule,"
                    + " whether Kafkify has handled them or not, so a crash, a failed handler or a stop can lose"
                    + " records and the at-least-once guarantee no longer holds. Keep enableAutoCommit false"
                    + " (the default) unless losing records is acceptable.");
        }
        Set<String> unknown = KafkaPropertyRules.unknownToKafka(extraProperties.keySet());
        if (!unknown.isEmpty()) {
            LOG.warn("Kafka's consumer does not define the properties {}; Kafkify passes them on unchanged for"
                    + " plug-ins (interceptors, assignors, callbacks) to read. Check them for typos.", unknown);
        }
    }

    /**
     * Every typed setting: its names for maps and the environment, how a loose value is
     * converted and assigned, and how it is read back. A new setting is a constrained field, a
     * getter, a builder field and method, one line in each copying constructor and in
     * equals/hashCode, and one constant here: map, Properties and environment loading, masking
     * and toMaskedMap follow from the constant.
     */
    private enum Setting {
        BOOTSTRAP_SERVERS("bootstrapServers", ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                (b, v) -> b.bootstrapServers(ValueConversions.toCommaSeparated(v)), c -> c.bootstrapServers),
        GROUP_ID("groupId", ConsumerConfig.GROUP_ID_CONFIG,
                (b, v) -> b.groupId(ValueConversions.toText(v)), c -> c.groupId),
        ENABLE_AUTO_COMMIT("enableAutoCommit", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                (b, v) -> b.enableAutoCommit(ValueConversions.toBoolean(v)), c -> c.enableAutoCommit),
        AUTO_OFFSET_RESET("autoOffsetReset", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                (b, v) -> b.autoOffsetReset(ValueConversions.toText(v)), c -> c.autoOffsetReset),
        ISOLATION_LEVEL("isolationLevel", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                (b, v) -> b.isolationLevel(ValueConversions.toText(v)), c -> c.isolationLevel),
        MAX_POLL_INTERVAL_MS("maxPollIntervalMs", ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                (b, v) -> b.maxPollIntervalMs(ValueConversions.toInt(v)), c -> c.maxPollIntervalMs),
        RETRY_BACKOFF_MS("retryBackoffMs", ConsumerConfig.RETRY_BACKOFF_MS_CONFIG,
                (b, v) -> b.retryBackoffMs(ValueConversions.toLong(v)), c -> c.retryBackoffMs),
        MAX_POLL_RECORDS("maxPollRecords", ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                (b, v) -> b.maxPollRecords(ValueConversions.toInt(v)), c -> c.maxPollRecords),
        CLIENT_ID("clientId", ConsumerConfig.CLIENT_ID_CONFIG,
                (b, v) -> b.clientId(ValueConversions.toText(v)), c -> c.clientId),
        ORDERING("ordering", null,
                (b, v) -> b.ordering(ValueConversions.toEnum(Ordering.class, v)), c -> c.ordering),
        MAX_CONCURRENCY("maxConcurrency", null,
                (b, v) -> b.maxConcurrency(ValueConversions.toInt(v)), c -> c.maxConcurrency),
        MAX_BUFFERED_RECORDS("maxBufferedRecords", null,
                (b, v) -> b.maxBufferedRecords(ValueConversions.toInt(v)), c -> c.maxBufferedRecords),
        SHUTDOWN_TIMEOUT("shutdownTimeout", null,
                (b, v) -> b.shutdownTimeout(ValueConversions.toDuration(v)), c -> c.shutdownTimeout),
        REVOKE_TIMEOUT("revokeTimeout", null,
                (b, v) -> b.revokeTimeout(ValueConversions.toDuration(v)), c -> c.revokeTimeout),
        MAX_ATTEMPTS("maxAttempts", null,
                (b, v) -> b.maxAttempts(ValueConversions.toInt(v)), c -> c.maxAttempts),
        MAX_RETRY_BACKOFF_MS("maxRetryBackoffMs", null,
                (b, v) -> b.maxRetryBackoffMs(ValueConversions.toLong(v)), c -> c.maxRetryBackoffMs),
        FAILURE_POLICY("failurePolicy", null,
                (b, v) -> b.failurePolicy(ValueConversions.toEnum(FailurePolicy.class, v)), c -> c.failurePolicy),
        DEAD_LETTER_SUFFIX("deadLetterSuffix", null,
                (b, v) -> b.deadLetterSuffix(ValueConversions.toText(v)), c -> c.deadLetterSuffix),
        DEAD_LETTER_UNROUTED("deadLetterUnrouted", null,
                (b, v) -> b.deadLetterUnrouted(ValueConversions.toBoolean(v)), c -> c.deadLetterUnrouted);

        private static final Map<String, Setting> BY_PROPERTY_NAME = new HashMap<>();
        private static final Map<String, Setting> BY_ENV_NAME = new HashMap<>();
        private static final Map<String, Setting> BY_ANY_NAME = new HashMap<>();

        static {
            for (Setting setting : values()) {
                if (setting.kafkaName != null) {
                    BY_PROPERTY_NAME.put(setting.kafkaName, setting);
                }
                BY_PROPERTY_NAME.put(setting.kafkifyName, setting);
                BY_ENV_NAME.put(setting.envName, setting);
                for (String name : setting.names()) {
                    BY_ANY_NAME.put(name, setting);
                }
            }
        }

        final String javaName;
        final String kafkaName;
        final String kafkifyName;
        final String envName;
        final BiConsumer<Builder, Object> assign;
        final Function<KafkaConsumerConfig, Object> read;

        Setting(String javaName, String kafkaName, BiConsumer<Builder, Object> assign,
                Function<KafkaConsumerConfig, Object> read) {
            this.javaName = javaName;
            this.kafkaName = kafkaName;
            String words = javaName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            this.kafkifyName = KAFKIFY_PREFIX + words;
            this.envName = ENV_PREFIX + words.replace('-', '_').toUpperCase(Locale.ROOT);
            this.assign = assign;
            this.read = read;
        }

        List<String> names() {
            return kafkaName == null
                    ? List.of(javaName, kafkifyName, envName)
                    : List.of(javaName, kafkaName, kafkifyName, envName);
        }

        static Setting byPropertyName(String name) {
            return BY_PROPERTY_NAME.get(name);
        }

        static Setting byEnvName(String name) {
            return BY_ENV_NAME.get(name);
        }

        static Setting byAnyName(String name) {
            return BY_ANY_NAME.get(name);
        }

        static String kafkifyNames() {
            return BY_PROPERTY_NAME.keySet().stream()
                    .filter(name -> name.startsWith(KAFKIFY_PREFIX)).sorted().collect(Collectors.joining(", "));
        }

        static String envNames() {
            return BY_ENV_NAME.keySet().stream().sorted().collect(Collectors.joining(", "));
        }
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

        private String bootstrapServers;
        private String groupId = DEFAULT_GROUP_ID;
        private boolean enableAutoCommit = DEFAULT_ENABLE_AUTO_COMMIT;
        private String autoOffsetReset = DEFAULT_AUTO_OFFSET_RESET;
        private String isolationLevel = DEFAULT_ISOLATION_LEVEL;
        private int maxPollIntervalMs = DEFAULT_MAX_POLL_INTERVAL_MS;
        private long retryBackoffMs = DEFAULT_RETRY_BACKOFF_MS;
        private int maxPollRecords = DEFAULT_MAX_POLL_RECORDS;
        private String clientId;
        private Ordering ordering = DEFAULT_ORDERING;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private int maxBufferedRecords = DEFAULT_MAX_BUFFERED_RECORDS;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private Duration revokeTimeout = DEFAULT_REVOKE_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private long maxRetryBackoffMs = DEFAULT_MAX_RETRY_BACKOFF_MS;
        private FailurePolicy failurePolicy = DEFAULT_FAILURE_POLICY;
        private String deadLetterSuffix = DEFAULT_DEAD_LETTER_SUFFIX;
        private boolean deadLetterUnrouted = DEFAULT_DEAD_LETTER_UNROUTED;
        private final Set<Class<? extends Throwable>> nonRetryable = new java.util.LinkedHashSet<>();
        private final Map<String, Object> extraProperties = new TreeMap<>();
        private final Set<String> secretNames = new TreeSet<>();
        /** Values rejected before build(), by the name a later call would overwrite them under. */
        private final Map<String, Violation> inputViolations = new TreeMap<>();

        private Builder() {
        }

        private Builder(KafkaConsumerConfig config) {
            this.bootstrapServers = config.bootstrapServers;
            this.groupId = config.groupId;
            this.enableAutoCommit = config.enableAutoCommit;
            this.autoOffsetReset = config.autoOffsetReset;
            this.isolationLevel = config.isolationLevel;
            this.maxPollIntervalMs = config.maxPollIntervalMs;
            this.retryBackoffMs = config.retryBackoffMs;
            this.maxPollRecords = config.maxPollRecords;
            this.clientId = config.clientId;
            this.ordering = config.ordering;
            this.maxConcurrency = config.maxConcurrency;
            this.maxBufferedRecords = config.maxBufferedRecords;
            this.shutdownTimeout = config.shutdownTimeout;
            this.revokeTimeout = config.revokeTimeout;
            this.maxAttempts = config.maxAttempts;
            this.maxRetryBackoffMs = config.maxRetryBackoffMs;
            this.failurePolicy = config.failurePolicy;
            this.deadLetterSuffix = config.deadLetterSuffix;
            this.deadLetterUnrouted = config.deadLetterUnrouted;
            this.nonRetryable.addAll(config.nonRetryable);
            this.extraProperties.putAll(config.extraProperties);
            this.secretNames.addAll(config.secretNames);
        }

        /**
         * Required. Kafka's {@code bootstrap.servers}.
         *
         * @param bootstrapServers comma-separated {@code host:port} entries, each port 1..65535,
         *     e.g. {@code "kafka-1:9092,kafka-2:9092"}
         * @return this builder
         */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return accepted(Setting.BOOTSTRAP_SERVERS);
        }

        /**
         * Kafka's {@code group.id}. Default {@value KafkaConsumerConfig#DEFAULT_GROUP_ID}.
         *
         * @param groupId the consumer group, not blank
         * @return this builder
         */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return accepted(Setting.GROUP_ID);
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
            this.enableAutoCommit = enableAutoCommit;
            return accepted(Setting.ENABLE_AUTO_COMMIT);
        }

        /**
         * Kafka's {@code auto.offset.reset}: where a group without a committed offset starts.
         * Default {@value KafkaConsumerConfig#DEFAULT_AUTO_OFFSET_RESET}.
         *
         * @param autoOffsetReset {@code earliest}, {@code latest} or {@code none} (fail)
         * @return this builder
         */
        public Builder autoOffsetReset(String autoOffsetReset) {
            this.autoOffsetReset = autoOffsetReset;
            return accepted(Setting.AUTO_OFFSET_RESET);
        }

        /**
         * Kafka's {@code isolation.level}. Default {@value KafkaConsumerConfig#DEFAULT_ISOLATION_LEVEL}:
         * records of aborted transactions are never handled.
         *
         * @param isolationLevel {@code read_committed} or {@code read_uncommitted}
         * @return this builder
         */
        public Builder isolationLevel(String isolationLevel) {
            this.isolationLevel = isolationLevel;
            return accepted(Setting.ISOLATION_LEVEL);
        }

        /**
         * Kafka's {@code max.poll.interval.ms}. Default {@value KafkaConsumerConfig#DEFAULT_MAX_POLL_INTERVAL_MS}.
         * Kafkify keeps polling while handlers run, so this bounds the poll loop, not a handler.
         *
         * @param maxPollIntervalMs milliseconds, greater than 0; above {@link #revokeTimeout(Duration)}
         * @return this builder
         */
        public Builder maxPollIntervalMs(int maxPollIntervalMs) {
            this.maxPollIntervalMs = maxPollIntervalMs;
            return accepted(Setting.MAX_POLL_INTERVAL_MS);
        }

        /**
         * Kafka's {@code retry.backoff.ms}: the client's wait before retrying a failed request.
         * Default {@value KafkaConsumerConfig#DEFAULT_RETRY_BACKOFF_MS}, the documented library's.
         * Kafka caps it at {@code retry.backoff.max.ms} (default 1000 ms), so unless that
         * property is given, the consumer properties raise the cap to this value.
         *
         * @param retryBackoffMs milliseconds, 0 or more
         * @return this builder
         */
        public Builder retryBackoffMs(long retryBackoffMs) {
            this.retryBackoffMs = retryBackoffMs;
            return accepted(Setting.RETRY_BACKOFF_MS);
        }

        /**
         * Kafka's {@code max.poll.records}. Default {@value KafkaConsumerConfig#DEFAULT_MAX_POLL_RECORDS}.
         *
         * @param maxPollRecords 1 to 100000, at most {@link #maxBufferedRecords(int)}
         * @return this builder
         */
        public Builder maxPollRecords(int maxPollRecords) {
            this.maxPollRecords = maxPollRecords;
            return accepted(Setting.MAX_POLL_RECORDS);
        }

        /**
         * Kafka's {@code client.id}, which names the consumer in broker logs, quotas and metrics.
         * Unset by default: Kafka generates one.
         *
         * @param clientId not blank, or {@code null} to unset
         * @return this builder
         */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return accepted(Setting.CLIENT_ID);
        }

        /**
         * {@code kafkify.ordering}: which records may be handled at the same time. Default
         * {@link Ordering#PARTITION}.
         *
         * @param ordering not {@code null}
         * @return this builder
         */
        public Builder ordering(Ordering ordering) {
            this.ordering = ordering;
            return accepted(Setting.ORDERING);
        }

        /**
         * {@code kafkify.max-concurrency}: the most handlers in flight at once, across every
         * partition. Default {@value KafkaConsumerConfig#DEFAULT_MAX_CONCURRENCY}.
         *
         * @param maxConcurrency 1 to 10000
         * @return this builder
         */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return accepted(Setting.MAX_CONCURRENCY);
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
            this.maxBufferedRecords = maxBufferedRecords;
            return accepted(Setting.MAX_BUFFERED_RECORDS);
        }

        /**
         * {@code kafkify.shutdown-timeout}: how long a stop waits for in-flight records before
         * it commits what finished and closes. Default 30 seconds.
         *
         * @param shutdownTimeout greater than zero
         * @return this builder
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return accepted(Setting.SHUTDOWN_TIMEOUT);
        }

        /**
         * {@code kafkify.revoke-timeout}: how long a rebalance waits for the in-flight records
         * of revoked partitions before it commits what finished. Default 10 seconds.
         *
         * @param revokeTimeout zero (do not wait) or more, shorter than {@link #maxPollIntervalMs(int)}
         * @return this builder
         */
        public Builder revokeTimeout(Duration revokeTimeout) {
            this.revokeTimeout = revokeTimeout;
            return accepted(Setting.REVOKE_TIMEOUT);
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
        public Builder property(String name, Object value) {
            Objects.requireNonNull(name, "name");
            return property(name, value, name);
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
            List<String> names = new ArrayList<>(properties.keySet());
            Collections.sort(names);
            for (String name : names) {
                if (!name.startsWith(KAFKIFY_PREFIX)) {
                    property(name, properties.get(name));
                }
            }
            for (String name : names) {
                if (name.startsWith(KAFKIFY_PREFIX)) {
                    property(name, properties.get(name));
                }
            }
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
            Map<String, Object> byName = new HashMap<>();
            for (String name : properties.stringPropertyNames()) {
                byName.put(name, properties.getProperty(name));
            }
            properties.forEach((name, value) -> {
                if (name instanceof String text) {
                    byName.put(text, value);
                } else {
                    inputViolations.put(String.valueOf(name),
                            new Violation(String.valueOf(name), "must be a String property name", value));
                }
            });
            return properties(byName);
        }

        /**
         * Reads the {@code KAFKIFY_} variables of an environment; others are ignored.
         * <ul>
         *   <li>{@code KAFKIFY_<SETTING>} sets a typed setting: {@code KAFKIFY_BOOTSTRAP_SERVERS},
         *       {@code KAFKIFY_GROUP_ID}, {@code KAFKIFY_ENABLE_AUTO_COMMIT},
         *       {@code KAFKIFY_AUTO_OFFSET_RESET}, {@code KAFKIFY_ISOLATION_LEVEL},
         *       {@code KAFKIFY_MAX_POLL_INTERVAL_MS}, {@code KAFKIFY_RETRY_BACKOFF_MS},
         *       {@code KAFKIFY_MAX_POLL_RECORDS}, {@code KAFKIFY_CLIENT_ID}, {@code KAFKIFY_ORDERING},
         *       {@code KAFKIFY_MAX_CONCURRENCY}, {@code KAFKIFY_MAX_BUFFERED_RECORDS},
         *       {@code KAFKIFY_SHUTDOWN_TIMEOUT}, {@code KAFKIFY_REVOKE_TIMEOUT};</li>
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
            List<String> names = environment.keySet().stream()
                    .filter(name -> name.startsWith(ENV_PREFIX)).sorted().collect(Collectors.toList());
            for (String name : names) {
                if (name.startsWith(ENV_KAFKA_PREFIX) && name.length() > ENV_KAFKA_PREFIX.length()) {
                    String kafkaName = name.substring(ENV_KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                    property(kafkaName, environment.get(name), name);
                }
            }
            for (String name : names) {
                if (name.startsWith(ENV_KAFKA_PREFIX) && name.length() > ENV_KAFKA_PREFIX.length()) {
                    continue;
                }
                Setting setting = Setting.byEnvName(name);
                if (setting != null) {
                    apply(setting, environment.get(name), name);
                } else {
                    inputViolations.put(name, new Violation(name,
                            "is not a Kafkify environment variable; use one of " + Setting.envNames()
                                    + " or " + ENV_KAFKA_PREFIX + "<PROPERTY> for any Kafka property",
                            environment.get(name)));
                }
            }
            return this;
        }

        /**
         * {@code kafkify.max-attempts}: attempts per record, the first included, before the
         * failure policy takes it. Retries wait {@link #retryBackoffMs(long)}, doubling each
         * time up to {@link #maxRetryBackoffMs(long)}, with jitter; they never block polling.
         * Default {@value KafkaConsumerConfig#DEFAULT_MAX_ATTEMPTS}.
         *
         * @param maxAttempts 1 (no retry) to 100
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return accepted(Setting.MAX_ATTEMPTS);
        }

        /**
         * {@code kafkify.max-retry-backoff-ms}: the longest delay between two attempts at a
         * record, in ms. Default {@value KafkaConsumerConfig#DEFAULT_MAX_RETRY_BACKOFF_MS}.
         *
         * @param maxRetryBackoffMs zero or more; below {@code retryBackoffMs} it is raised to it
         * @return this builder
         */
        public Builder maxRetryBackoffMs(long maxRetryBackoffMs) {
            this.maxRetryBackoffMs = maxRetryBackoffMs;
            return accepted(Setting.MAX_RETRY_BACKOFF_MS);
        }

        /**
         * {@code kafkify.failure-policy}: what happens to a record after its last attempt, or
         * at once when retrying cannot help. Default {@link FailurePolicy#DEAD_LETTER}.
         *
         * @param failurePolicy not {@code null}
         * @return this builder
         */
        public Builder failurePolicy(FailurePolicy failurePolicy) {
            this.failurePolicy = failurePolicy;
            return accepted(Setting.FAILURE_POLICY);
        }

        /**
         * {@code kafkify.dead-letter-suffix}: appended to a topic's name to name its
         * dead-letter topic. Default {@value KafkaConsumerConfig#DEFAULT_DEAD_LETTER_SUFFIX}.
         *
         * @param deadLetterSuffix not blank; characters Kafka allows in topic names
         * @return this builder
         */
        public Builder deadLetterSuffix(String deadLetterSuffix) {
            this.deadLetterSuffix = deadLetterSuffix;
            return accepted(Setting.DEAD_LETTER_SUFFIX);
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
            this.deadLetterUnrouted = deadLetterUnrouted;
            return accepted(Setting.DEAD_LETTER_UNROUTED);
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
         * Validates every setting at once (Bean Validation constraints, rules between settings,
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
            List<Violation> violations = new ArrayList<>(inputViolations.values());
            for (ConstraintViolation<KafkaConsumerConfig> violation : BeanValidation.validator().validate(config)) {
                violations.add(new Violation(violation.getPropertyPath().toString(), violation.getMessage(),
                        violation.getInvalidValue()));
            }
            violations.addAll(config.crossSettingViolations());
            violations.addAll(KafkaPropertyRules.violations(config.extraProperties, config::isSecret));
            if (!violations.isEmpty()) {
                violations.sort(Violation.BY_PROPERTY);
                throw new InvalidConfigurationException(SUBJECT, violations.stream()
                        .map(violation -> violation.render(config.isSecret(violation.property())))
                        .collect(Collectors.toList()));
            }
            config.warnAboutRisks();
            return config;
        }

        private Builder property(String name, Object value, String source) {
            Setting setting = Setting.byPropertyName(name);
            if (setting != null) {
                apply(setting, value, source);
                return this;
            }
            extraProperties.remove(name);
            inputViolations.remove(name);
            if (name.startsWith(KAFKIFY_PREFIX)) {
                reject(name, "is not a Kafkify setting; use one of " + Setting.kafkifyNames(), value, source);
            } else if (DESERIALIZERS.contains(name)) {
                if (!isByteArrayDeserializer(value)) {
                    reject(name, "is managed by Kafkify, which always reads raw bytes with ByteArrayDeserializer"
                            + " and decodes them itself; pass a decoder to KafkaBaseConsumerAdapter instead",
                            value, source);
                }
            } else if (value == null) {
                reject(name, "must not be null; leave the property out to get Kafka's default", null, source);
            } else {
                extraProperties.put(name, value);
            }
            return this;
        }

        private void apply(Setting setting, Object value, String source) {
            try {
                setting.assign.accept(this, value);
            } catch (ConversionException e) {
                inputViolations.put(setting.javaName,
                        new Violation(setting.javaName, e.getMessage() + given(setting.javaName, source), value));
            }
        }

        private void reject(String name, String rule, Object value, String source) {
            inputViolations.put(name, new Violation(name, rule + given(name, source), value));
        }

        private static String given(String name, String source) {
            return name.equals(source) ? "" : " (given as " + source + ")";
        }

        private static boolean isByteArrayDeserializer(Object value) {
            return value == ByteArrayDeserializer.class
                    || ByteArrayDeserializer.class.getName().equals(String.valueOf(value).trim());
        }

        private Builder accepted(Setting setting) {
            inputViolations.remove(setting.javaName);
            return this;
        }
    }
}
