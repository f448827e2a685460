package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.infrastructure.internal.config.SecretProperties;
import io.kafkify.consumers.infrastructure.internal.config.Setting;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides which values of a configuration are secret and shows the others: a setting is secret
 * under all of its names at once, a pass-through property when Kafka types it as a password, its
 * name looks secret, or the user marked it.
 */
final class ConfigMasking {

    private ConfigMasking() {
    }

    /**
     * @param name any name of a setting, or a Kafka property name
     * @param marked the names marked secret by the user
     * @return whether its value must be masked
     */
    static boolean isSecret(String name, Set<String> marked) {
        Setting<?> setting = Settings.byAnyName(name);
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

    /**
     * @param config a configuration
     * @return its consumer properties (classes by name), then Kafkify's own settings under their
     *     {@code kafkify.} names, secrets masked; unmodifiable
     */
    static Map<String, Object> maskedMap(KafkaConsumerConfig config) {
        Map<String, Object> masked = new LinkedHashMap<>();
        config.toConsumerProperties().forEach((name, value) -> masked.put(name, shown(config, name, value)));
        for (Setting<?> setting : Settings.ALL) {
            if (setting.kafkaName() == null) {
                masked.put(setting.kafkifyName(), shown(config, setting.javaName(), config.value(setting)));
            }
        }
        return Collections.unmodifiableMap(masked);
    }

    private static @Nullable Object shown(KafkaConsumerConfig config, String name, @Nullable Object value) {
        if (config.isSecret(name)) {
            return SecretProperties.MASK;
        }
        return value instanceof Class<?> type ? type.getName() : value;
    }
}
