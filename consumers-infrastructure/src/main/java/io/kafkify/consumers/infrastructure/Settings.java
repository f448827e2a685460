package io.kafkify.consumers.infrastructure;

import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_AUTO_OFFSET_RESET;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_DEAD_LETTER_SUFFIX;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_DEAD_LETTER_UNROUTED;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_ENABLE_AUTO_COMMIT;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_FAILURE_POLICY;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_GROUP_ID;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_ISOLATION_LEVEL;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_MAX_ATTEMPTS;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_MAX_BUFFERED_RECORDS;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_MAX_CONCURRENCY;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_MAX_POLL_INTERVAL_MS;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_MAX_POLL_RECORDS;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_MAX_RETRY_BACKOFF_MS;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_MAX_UNFINISHED_AGE;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_ORDERING;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_RECORD_RETRY_BACKOFF_MS;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_RETRY_BACKOFF_MS;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_REVOKE_TIMEOUT;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_SHUTDOWN_TIMEOUT;
import static io.kafkify.consumers.infrastructure.KafkaConsumerConfig.DEFAULT_STRICT_PAYLOADS;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.atLeast;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.between;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.hostPortList;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.matches;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.notBlank;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.notBlankWhenSet;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.notNegative;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.notNegativeDuration;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.notNull;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.oneOf;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.positive;
import static io.kafkify.consumers.infrastructure.internal.config.Rules.positiveDuration;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.internal.config.Setting;
import io.kafkify.consumers.infrastructure.internal.config.Setting.Group;
import io.kafkify.consumers.infrastructure.internal.config.ValueConversions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;

/**
 * Every typed setting of {@link KafkaConsumerConfig}, each declared once: names, type, default,
 * conversion, constraints and documentation. The builder, loading from maps, {@code Properties}
 * and the environment, masking, {@code toConsumerProperties()} and the tables of
 * docs/configuration.md (checked by a test) all follow from this list. A new setting is one
 * declaration here, a getter and a builder method.
 */
final class Settings {

    static final Setting<String> BOOTSTRAP_SERVERS = Setting.define("bootstrapServers", String.class,
                    ValueConversions::toCommaSeparated).kafka(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
            .byDefault(null, "none: required")
            .rules("comma-separated `host:port`, port 1..65535", notBlank(), hostPortList()).build();
    static final Setting<String> GROUP_ID = Setting.define("groupId", String.class, ValueConversions::toText)
            .kafka(ConsumerConfig.GROUP_ID_CONFIG)
            .byDefault(DEFAULT_GROUP_ID, "`" + DEFAULT_GROUP_ID + "` (the documented library's)")
            .rules("not blank", notBlank()).build();
    static final Setting<Boolean> ENABLE_AUTO_COMMIT = Setting.define("enableAutoCommit", Boolean.class,
                    ValueConversions::toBoolean).kafka(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)
            .byDefault(DEFAULT_ENABLE_AUTO_COMMIT, null)
            .rules("`true` is allowed, with a warning: it gives up at least once").build();
    static final Setting<String> AUTO_OFFSET_RESET = Setting.define("autoOffsetReset", String.class,
                    ValueConversions::toText).kafka(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)
            .byDefault(DEFAULT_AUTO_OFFSET_RESET, null)
            .rules("`earliest`, `latest` or `none`", notNull(), oneOf("earliest", "latest", "none")).build();
    static final Setting<String> ISOLATION_LEVEL = Setting.define("isolationLevel", String.class,
                    ValueConversions::toText).kafka(ConsumerConfig.ISOLATION_LEVEL_CONFIG)
            .byDefault(DEFAULT_ISOLATION_LEVEL, null)
            .rules("`read_committed` or `read_uncommitted`", notNull(), oneOf("read_committed", "read_uncommitted"))
            .build();
    static final Setting<Integer> MAX_POLL_INTERVAL_MS = Setting.define("maxPollIntervalMs", Integer.class,
                    ValueConversions::toInt).kafka(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG)
            .byDefault(DEFAULT_MAX_POLL_INTERVAL_MS, "`" + DEFAULT_MAX_POLL_INTERVAL_MS + "` (Kafka's)")
            .rules("> 0", positive()).build();
    static final Setting<Long> RETRY_BACKOFF_MS = Setting.define("retryBackoffMs", Long.class,
                    ValueConversions::toLong).kafka(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG)
            .byDefault(DEFAULT_RETRY_BACKOFF_MS, "`" + DEFAULT_RETRY_BACKOFF_MS + "` (the documented library's)")
            .rules(">= 0", notNegative()).build();
    static final Setting<Integer> MAX_POLL_RECORDS = Setting.define("maxPollRecords", Integer.class,
                    ValueConversions::toInt).kafka(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)
            .byDefault(DEFAULT_MAX_POLL_RECORDS, "`" + DEFAULT_MAX_POLL_RECORDS + "` (Kafka's)")
            .rules("1..100000, at most half of `maxBufferedRecords`", between(1, 100_000)).build();
    static final Setting<String> CLIENT_ID = Setting.define("clientId", String.class, ValueConversions::toText)
            .kafka(ConsumerConfig.CLIENT_ID_CONFIG)
            .byDefault(null, "unset: Kafka generates one")
            .rules("not blank when set", notBlankWhenSet()).build();

    static final Setting<Ordering> ORDERING = Setting.define("ordering", Ordering.class,
                    value -> ValueConversions.toEnum(Ordering.class, value))
            .byDefault(DEFAULT_ORDERING, null)
            .rules("`PARTITION`, `KEY` or `UNORDERED`", notNull()).build();
    static final Setting<Integer> MAX_CONCURRENCY = Setting.define("maxConcurrency", Integer.class,
                    ValueConversions::toInt)
            .byDefault(DEFAULT_MAX_CONCURRENCY, null)
            .rules("1..10000", between(1, 10_000)).build();
    static final Setting<Integer> MAX_BUFFERED_RECORDS = Setting.define("maxBufferedRecords", Integer.class,
                    ValueConversions::toInt)
            .byDefault(DEFAULT_MAX_BUFFERED_RECORDS, null)
            .rules(">= 2 × `maxPollRecords`", atLeast(1)).build();
    static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.define("shutdownTimeout", Duration.class,
                    ValueConversions::toDuration)
            .byDefault(DEFAULT_SHUTDOWN_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT.toSeconds() + " s")
            .rules("> 0", notNull(), positiveDuration()).build();
    static final Setting<Duration> REVOKE_TIMEOUT = Setting.define("revokeTimeout", Duration.class,
                    ValueConversions::toDuration)
            .byDefault(DEFAULT_REVOKE_TIMEOUT, DEFAULT_REVOKE_TIMEOUT.toSeconds() + " s")
            .rules(">= 0 and < `maxPollIntervalMs`", notNull(), notNegativeDuration()).build();
    static final Setting<Boolean> STRICT_PAYLOADS = Setting.define("strictPayloads", Boolean.class,
                    ValueConversions::toBoolean)
            .byDefault(DEFAULT_STRICT_PAYLOADS, "`false`: unknown properties are ignored").build();
    static final Setting<Duration> MAX_UNFINISHED_AGE = Setting.define("maxUnfinishedAge", Duration.class,
                    ValueConversions::toDuration)
            .byDefault(DEFAULT_MAX_UNFINISHED_AGE, DEFAULT_MAX_UNFINISHED_AGE.toSeconds() + " s")
            .rules("> 0", notNull(), positiveDuration()).build();

    static final Setting<Integer> MAX_ATTEMPTS = Setting.define("maxAttempts", Integer.class, ValueConversions::toInt)
            .group(Group.FAILURES).byDefault(DEFAULT_MAX_ATTEMPTS, null)
            .rules("1..100", between(1, 100)).build();
    static final Setting<Long> RECORD_RETRY_BACKOFF_MS = Setting.define("recordRetryBackoffMs", Long.class,
                    ValueConversions::toLong)
            .group(Group.FAILURES).byDefault(DEFAULT_RECORD_RETRY_BACKOFF_MS, null)
            .rules(">= 0", notNegative()).build();
    static final Setting<Long> MAX_RETRY_BACKOFF_MS = Setting.define("maxRetryBackoffMs", Long.class,
                    ValueConversions::toLong)
            .group(Group.FAILURES).byDefault(DEFAULT_MAX_RETRY_BACKOFF_MS, null)
            .rules(">= 0", notNegative()).build();
    static final Setting<FailurePolicy> FAILURE_POLICY = Setting.define("failurePolicy", FailurePolicy.class,
                    value -> ValueConversions.toEnum(FailurePolicy.class, value))
            .group(Group.FAILURES).byDefault(DEFAULT_FAILURE_POLICY, null)
            .rules("`DEAD_LETTER`, `STOP`, `SKIP` or (share groups) `REJECT`", notNull()).build();
    static final Setting<String> DEAD_LETTER_SUFFIX = Setting.define("deadLetterSuffix", String.class,
                    ValueConversions::toText)
            .group(Group.FAILURES).byDefault(DEFAULT_DEAD_LETTER_SUFFIX, null)
            .rules("not blank, characters Kafka allows in topic names", notBlank(),
                    matches("[a-zA-Z0-9._-]*", "must hold only the characters Kafka allows in a topic name"))
            .build();
    static final Setting<Boolean> DEAD_LETTER_UNROUTED = Setting.define("deadLetterUnrouted", Boolean.class,
                    ValueConversions::toBoolean)
            .group(Group.FAILURES).byDefault(DEFAULT_DEAD_LETTER_UNROUTED, null).build();
    static final Setting<Boolean> CREATE_DEAD_LETTER_TOPICS = Setting.define("createDeadLetterTopics", Boolean.class,
                    ValueConversions::toBoolean)
            .group(Group.FAILURES).byDefault(false, null).build();

    /** Every setting, in the order of the documentation's tables. */
    static final List<Setting<?>> ALL = List.of(BOOTSTRAP_SERVERS, GROUP_ID, ENABLE_AUTO_COMMIT, AUTO_OFFSET_RESET,
            ISOLATION_LEVEL, MAX_POLL_INTERVAL_MS, RETRY_BACKOFF_MS, MAX_POLL_RECORDS, CLIENT_ID, ORDERING,
            MAX_CONCURRENCY, MAX_BUFFERED_RECORDS, SHUTDOWN_TIMEOUT, REVOKE_TIMEOUT, STRICT_PAYLOADS, MAX_UNFINISHED_AGE,
            MAX_ATTEMPTS, RECORD_RETRY_BACKOFF_MS, MAX_RETRY_BACKOFF_MS, FAILURE_POLICY, DEAD_LETTER_SUFFIX,
            DEAD_LETTER_UNROUTED, CREATE_DEAD_LETTER_TOPICS);

    private static final Map<String, Setting<?>> BY_PROPERTY_NAME = new HashMap<>();
    private static final Map<String, Setting<?>> BY_ENV_NAME = new HashMap<>();
    private static final Map<String, Setting<?>> BY_ANY_NAME = new HashMap<>();

    static {
        for (Setting<?> setting : ALL) {
            if (setting.kafkaName() != null) {
                BY_PROPERTY_NAME.put(setting.kafkaName(), setting);
            }
            BY_PROPERTY_NAME.put(setting.kafkifyName(), setting);
            BY_ENV_NAME.put(setting.envName(), setting);
            for (String name : setting.names()) {
                BY_ANY_NAME.put(name, setting);
            }
        }
    }

    private Settings() {
    }

    /** @return a new, mutable map holding every setting's default */
    static Map<Setting<?>, Object> defaults() {
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : ALL) {
            values.put(setting, setting.defaultValue());
        }
        return values;
    }

    /** @return the setting of a Kafka or {@code kafkify.} property name, or {@code null} */
    static @Nullable Setting<?> byPropertyName(String name) {
        return BY_PROPERTY_NAME.get(name);
    }

    /** @return the setting of a {@code KAFKIFY_} variable, or {@code null} */
    static @Nullable Setting<?> byEnvName(String name) {
        return BY_ENV_NAME.get(name);
    }

    /** @return the setting known by any of its names, or {@code null} */
    static @Nullable Setting<?> byAnyName(String name) {
        return BY_ANY_NAME.get(name);
    }

    /** @return every {@code kafkify.} name, sorted, comma-separated */
    static String kafkifyNames() {
        return ALL.stream().map(Setting::kafkifyName).sorted().collect(Collectors.joining(", "));
    }

    /** @return every {@code KAFKIFY_} variable, sorted, comma-separated */
    static String envNames() {
        return ALL.stream().map(Setting::envName).sorted().collect(Collectors.joining(", "));
    }
}
