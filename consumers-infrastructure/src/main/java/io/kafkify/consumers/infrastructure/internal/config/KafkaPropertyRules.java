package io.kafkify.consumers.infrastructure.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks pass-through Kafka properties with Kafka's own {@link ConfigDef}, so that a mistyped
 * value fails when the configuration is built, among every other violation, rather than later
 * when the {@code KafkaConsumer} is created. The values themselves are never changed.
 */
public final class KafkaPropertyRules {

    private static final Map<String, ConfigDef.ConfigKey> KEYS = ConsumerConfig.configDef().configKeys();

    private KafkaPropertyRules() {
    }

    /**
     * @param properties pass-through properties, by name
     * @param secret which names must not have their value, nor Kafka's reason, shown
     * @return a violation for every known property whose value Kafka would reject
     */
    public static List<Violation> violations(Map<String, Object> properties, Predicate<String> secret) {
        List<Violation> violations = new ArrayList<>();
        properties.forEach((name, value) -> {
            ConfigDef.ConfigKey key = KEYS.get(name);
            if (key == null) {
                return;
            }
            try {
                Object parsed = ConfigDef.parseType(name, value, key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(name, parsed);
                }
            } catch (ConfigException | IllegalArgumentException e) {
                String rule = "must be a valid " + key.type.name() + " for Kafka";
                if (!secret.test(name)) {
                    rule += reason(name, e.getMessage());
                }
                violations.add(new Violation(name, rule, value));
            }
        });
        return violations;
    }

    /**
     * @param names property names
     * @return the names Kafka's consumer does not define (nor accept as a
     *     {@code metrics.context.} prefix), sorted; Kafka would pass them to plug-ins and warn
     */
    public static Set<String> unknownToKafka(Set<String> names) {
        Set<String> unknown = new TreeSet<>();
        for (String name : names) {
            if (!KEYS.containsKey(name) && !name.startsWith(CommonClientConfigs.METRICS_CONTEXT_PREFIX)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** Keeps Kafka's reason but not its "Invalid value X for configuration Y" preamble. */
    private static String reason(String name, String message) {
        if (message == null) {
            return "";
        }
        String marker = "for configuration " + name + ": ";
        int at = message.indexOf(marker);
        String reason = at >= 0 ? message.substring(at + marker.length()) : message;
        return " (" + reason + ")";
    }
}
