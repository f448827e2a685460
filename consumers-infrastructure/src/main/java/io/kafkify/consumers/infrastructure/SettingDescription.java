package io.kafkify.consumers.infrastructure;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One typed setting of {@link KafkaConsumerConfig}, as {@link KafkaConsumerConfig#settings()} lists
 * them: its names and its default. The builder method and the getter are named {@link #name()}.
 *
 * @param name the builder's and the getter's name, e.g. {@code maxPollRecords}; violations name the setting so
 * @param kafkaName the Kafka property, e.g. {@code max.poll.records}, or {@code null} for Kafkify's own settings
 * @param kafkifyName the Kafkify property, e.g. {@code kafkify.max-poll-records}
 * @param envName the environment variable, e.g. {@code KAFKIFY_MAX_POLL_RECORDS}
 * @param type the value's type, boxed for primitives ({@code Integer}, {@code Duration}, an enum...)
 * @param defaultValue the default, or {@code null} when the setting is unset by default
 */
public record SettingDescription(String name, @Nullable String kafkaName, String kafkifyName, String envName,
                                 Class<?> type, @Nullable Object defaultValue) {

    /**
     * Checks the names.
     *
     * @param name see {@link #name()}
     * @param kafkaName see {@link #kafkaName()}
     * @param kafkifyName see {@link #kafkifyName()}
     * @param envName see {@link #envName()}
     * @param type see {@link #type()}
     * @param defaultValue see {@link #defaultValue()}
     */
    public SettingDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kafkifyName, "kafkifyName");
        Objects.requireNonNull(envName, "envName");
        Objects.requireNonNull(type, "type");
    }
}
