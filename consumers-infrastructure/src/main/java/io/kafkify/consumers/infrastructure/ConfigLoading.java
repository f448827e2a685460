package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.infrastructure.internal.config.Setting;
import io.kafkify.consumers.infrastructure.internal.config.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads loosely typed settings (a map, a {@code Properties} file, the environment) into a
 * {@link KafkaConsumerConfig.Builder}: each name is resolved against {@link Settings}, a value
 * that does not convert becomes a violation that {@code build()} reports with the others, and
 * any other Kafka property is passed through. Nothing here throws on a bad value.
 */
final class ConfigLoading {

    private static final Set<String> DESERIALIZERS = Set.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    private final KafkaConsumerConfig.Builder builder;

    ConfigLoading(KafkaConsumerConfig.Builder builder) {
        this.builder = builder;
    }

    /** One property under any name; {@code source} is the name the user wrote it under. */
    void property(String name, @Nullable Object value, String source) {
        Setting<?> setting = Settings.byPropertyName(name);
        if (setting != null) {
            builder.setLoose(setting, value, source);
            return;
        }
        builder.removeExtra(name);
        if (name.startsWith(KafkaConsumerConfig.KAFKIFY_PREFIX)) {
            reject(name, "is not a Kafkify setting; use one of " + Settings.kafkifyNames(), value, source);
        } else if (DESERIALIZERS.contains(name)) {
            if (!isByteArrayDeserializer(value)) {
                reject(name, "is managed by Kafkify, which always reads raw bytes with ByteArrayDeserializer"
                        + " and decodes them itself; pass a decoder to KafkaBaseConsumerAdapter instead", value, source);
            }
        } else if (value == null) {
            reject(name, "must not be null; leave the property out to get Kafka's default", null, source);
        } else {
            builder.putExtra(name, value);
        }
    }

    /** Every entry; a {@code kafkify.} name wins over the Kafka name of the same setting. */
    void properties(Map<String, ?> properties) {
        List<String> names = new ArrayList<>(properties.keySet());
        Collections.sort(names);
        for (String name : names) {
            if (!name.startsWith(KafkaConsumerConfig.KAFKIFY_PREFIX)) {
                property(name, properties.get(name), name);
            }
        }
        for (String name : names) {
            if (name.startsWith(KafkaConsumerConfig.KAFKIFY_PREFIX)) {
                property(name, properties.get(name), name);
            }
        }
    }

    /** Every property, the defaults of the {@code Properties} object included. */
    void properties(Properties properties) {
        Map<String, Object> byName = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            byName.put(name, properties.getProperty(name));
        }
        properties.forEach((name, value) -> {
            if (name instanceof String text) {
                byName.put(text, value);
            } else {
                builder.violation(new Violation(String.valueOf(name), "must be a String property name", value));
            }
        });
        properties(byName);
    }

    /** The {@code KAFKIFY_} variables; a typed variable wins over a {@code KAFKIFY_KAFKA_} one. */
    void environment(Map<String, String> environment) {
        String kafkaPrefix = KafkaConsumerConfig.ENV_KAFKA_PREFIX;
        List<String> names = environment.keySet().stream()
                .filter(name -> name.startsWith(KafkaConsumerConfig.ENV_PREFIX)).sorted().collect(Collectors.toList());
        for (String name : names) {
            if (name.startsWith(kafkaPrefix) && name.length() > kafkaPrefix.length()) {
                String kafkaName = name.substring(kafkaPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                property(kafkaName, environment.get(name), name);
            }
        }
        for (String name : names) {
            if (name.startsWith(kafkaPrefix) && name.length() > kafkaPrefix.length()) {
                continue;
            }
            Setting<?> setting = Settings.byEnvName(name);
            if (setting != null) {
                builder.setLoose(setting, environment.get(name), name);
            } else {
                builder.violation(new Violation(name, "is not a Kafkify environment variable; use one of "
                        + Settings.envNames() + " or " + kafkaPrefix + "<PROPERTY> for any Kafka property",
                        environment.get(name)));
            }
        }
    }

    private void reject(String name, String rule, @Nullable Object value, String source) {
        builder.violation(new Violation(name, rule + given(name, source), value));
    }

    /** @return how a violation says which name the value came under, when it is not the setting's own */
    static String given(String name, String source) {
        return name.equals(source) ? "" : " (given as " + source + ")";
    }

    private static boolean isByteArrayDeserializer(@Nullable Object value) {
        return value == ByteArrayDeserializer.class
                || ByteArrayDeserializer.class.getName().equals(String.valueOf(value).trim());
    }
}
