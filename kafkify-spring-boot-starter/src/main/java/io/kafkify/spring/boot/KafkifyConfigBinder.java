package io.kafkify.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.infrastructure.SettingDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Builds a {@link KafkaConsumerConfig} from Spring's {@link Environment}. Each typed setting is read
 * under its Kafkify property name ({@code kafkify.max-poll-records}), with Boot's relaxed binding
 * ({@code kafkify.maxPollRecords}, {@code KAFKIFY_MAX_POLL_RECORDS}), as text, and given to the
 * configuration's builder, so that Kafkify's own conversion and rules apply. Durations and enum values
 * also take Boot's forms ({@code 30s}, {@code dead-letter}). Any Kafka property comes from {@code kafkify.properties.*}; where
 * Kafkify's own are not set, {@code spring.kafka.bootstrap-servers} and
 * {@code spring.kafka.properties.*} are used. A {@code kafkify.*} name that is none of these is a
 * violation, not ignored. Every violation is reported at once, named by the Spring property.
 */
final class KafkifyConfigBinder {

    static final String PREFIX = "kafkify";
    static final String PASS_THROUGH = "kafkify.properties";
    static final String SPRING_KAFKA_SERVERS = "spring.kafka.bootstrap-servers";
    static final String SPRING_KAFKA_PROPERTIES = "spring.kafka.properties";

    private final Environment environment;
    private final Binder binder;
    /** The Spring property each value came from, by the name Kafkify's violations give it. */
    private final Map<String, String> sources = new HashMap<>();

    KafkifyConfigBinder(Environment environment) {
        this.environment = environment;
        this.binder = Binder.get(environment);
    }

    /**
     * @param objectMapper the application's Jackson 2 mapper, or null for Kafkify's default
     * @return the validated configuration
     * @throws KafkifyPropertiesException listing every violation by its Spring property name
     */
    KafkaConsumerConfig bind(@Nullable ObjectMapper objectMapper) {
        KafkaConsumerConfig.Builder builder = KafkaConsumerConfig.builder();
        if (objectMapper != null) {
            builder.objectMapper(objectMapper);
        }
        binder.bind(SPRING_KAFKA_SERVERS, Bindable.listOf(String.class)).ifBound(servers -> {
            builder.property("bootstrap.servers", String.join(",", servers));
            sources.put("bootstrapServers", SPRING_KAFKA_SERVERS);
        });
        passThrough(builder, SPRING_KAFKA_PROPERTIES);
        passThrough(builder, PASS_THROUGH);
        for (SettingDescription setting : KafkaConsumerConfig.settings()) {
            Object value = value(setting);
            if (value != null) {
                builder.property(setting.kafkifyName(), value);
                sources.put(setting.name(), setting.kafkifyName());
            }
        }
        List<String> violations = unknownNames();
        InvalidConfigurationException invalid = null;
        KafkaConsumerConfig config = null;
        try {
            config = builder.build();
        } catch (InvalidConfigurationException e) {
            invalid = e;
            e.violations().forEach(violation -> violations.add(springNamed(violation)));
        }
        if (config == null || !violations.isEmpty()) {
            violations.sort(null);
            throw new KafkifyPropertiesException(violations, invalid);
        }
        return config;
    }

    private void passThrough(KafkaConsumerConfig.Builder builder, String prefix) {
        binder.bind(prefix, Bindable.mapOf(String.class, String.class)).ifBound(properties ->
                properties.forEach((name, value) -> {
                    builder.property(name, value);
                    sources.put(settingNameOf(name).orElse(name), prefix + "." + name);
                }));
    }

    /**
     * Durations and enum values in Boot's forms too ({@code 30s}, {@code dead-letter}), converted by
     * Boot; anything else, and any value Boot cannot convert, as the text written, for Kafkify's own
     * conversion and rules.
     */
    private @Nullable Object value(SettingDescription setting) {
        if (setting.type() == Duration.class || setting.type().isEnum()) {
            try {
                Object converted = binder.bind(setting.kafkifyName(), Bindable.of(setting.type())).orElse(null);
                if (converted != null) {
                    return converted;
                }
            } catch (BindException notConverted) {
                // Kafkify's own conversion reports the text below, with its rule.
            }
        }
        return binder.bind(setting.kafkifyName(), String.class).orElse(null);
    }

    /** Names under {@code kafkify.} that are no setting: a misspelt setting must not be silently ignored. */
    private List<String> unknownNames() {
        ConfigurationPropertyName root = ConfigurationPropertyName.of(PREFIX);
        ConfigurationPropertyName passThrough = ConfigurationPropertyName.of(PASS_THROUGH);
        List<ConfigurationPropertyName> known = KafkaConsumerConfig.settings().stream()
                .map(setting -> ConfigurationPropertyName.of(setting.kafkifyName())).collect(Collectors.toList());
        TreeSet<String> unknown = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean variables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.filter(root::isAncestorOf).stream()
                    .filter(name -> !passThrough.isAncestorOf(name) && !isKnown(name, known, variables))
                    .forEach(name -> unknown.add(name.toString()));
        }
        String names = known.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        return unknown.stream().map(name -> name + ": is not a Kafkify setting; use one of " + names + ", or "
                + PASS_THROUGH + ".<kafka property> for any Kafka property").collect(Collectors.toCollection(ArrayList::new));
    }

    /** {@code KAFKIFY_MAX_POLL_RECORDS} reads as {@code kafkify.max.poll.records}, which Boot binds to the setting. */
    private static boolean isKnown(ConfigurationPropertyName name, List<ConfigurationPropertyName> known,
                                   boolean variables) {
        return known.stream().anyMatch(setting -> setting.equals(name)
                || variables && setting.toString().replace('-', '.').equals(name.toString()));
    }

    /** {@code maxPollRecords: must be ...} becomes {@code kafkify.max-poll-records: must be ... (origin)}. */
    private String springNamed(String violation) {
        int colon = violation.indexOf(": ");
        if (colon < 0) {
            return violation;
        }
        String property = violation.substring(0, colon);
        String rest = violation.substring(colon);
        String source = sources.get(property);
        if (source == null) {
            Optional<SettingDescription> setting = KafkaConsumerConfig.settings().stream()
                    .filter(candidate -> candidate.name().equals(property)).findFirst();
            String name = setting.map(SettingDescription::kafkifyName).orElse(PASS_THROUGH + "." + property);
            String alternative = "bootstrapServers".equals(property) ? " (or " + SPRING_KAFKA_SERVERS + ")" : "";
            return name + alternative + rest;
        }
        Origin origin = originOf(source);
        return source + rest.replace(" (given as " + source + ")", "") + (origin == null ? "" : " [" + origin + "]");
    }

    private @Nullable Origin originOf(String property) {
        if (!ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return found.getOrigin();
            }
        }
        return null;
    }

    private static Optional<String> settingNameOf(String propertyName) {
        return KafkaConsumerConfig.settings().stream()
                .filter(setting -> propertyName.equals(setting.kafkaName()) || propertyName.equals(setting.kafkifyName()))
                .map(SettingDescription::name).findFirst();
    }
}
