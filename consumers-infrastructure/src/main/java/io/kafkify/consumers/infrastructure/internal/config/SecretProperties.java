package io.kafkify.consumers.infrastructure.internal.config;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Decides which property values must never be shown: those Kafka itself types as
 * {@link ConfigDef.Type#PASSWORD}, and those whose name says they hold a secret.
 */
public final class SecretProperties {

    /** What is shown in place of a secret value; the text Kafka's own {@code Password} shows. */
    public static final String MASK = "[hidden]";

    private static final Set<String> KAFKA_PASSWORDS = ConsumerConfig.configDef().configKeys().values().stream()
            .filter(key -> key.type == ConfigDef.Type.PASSWORD)
            .map(key -> key.name)
            .collect(Collectors.toUnmodifiableSet());

    private static final Set<String> SECRET_WORDS = Set.of("password", "passphrase", "secret", "jaas", "credential");

    private SecretProperties() {
    }

    /** @return the consumer properties Kafka types as PASSWORD, e.g. {@code sasl.jaas.config} */
    public static Set<String> kafkaPasswords() {
        return KAFKA_PASSWORDS;
    }

    /**
     * @param name a property, setting or environment variable name
     * @return whether Kafka types it as a password, or its name contains one of
     *     {@code password}, {@code passphrase}, {@code secret}, {@code jaas}, {@code credential}
     *     (ignoring case)
     */
    public static boolean looksSecret(String name) {
        if (KAFKA_PASSWORDS.contains(name)) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param value a value known not to be secret
     * @return how it reads in a message or a log line: a class by its name
     */
    public static String display(Object value) {
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        return String.valueOf(value);
    }
}
