package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.infrastructure.internal.config.KafkaPropertyRules;
import io.kafkify.consumers.infrastructure.internal.config.Setting;
import io.kafkify.consumers.infrastructure.internal.config.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a built configuration may be used: every rule the settings declare, the rules
 * between settings, Kafka's rules for pass-through properties and the conversion errors of
 * loading, all reported at once; then warns about settings that are allowed but risky.
 */
final class ConfigValidation {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConsumerConfig.class);

    private ConfigValidation() {
    }

    /**
     * @param config the configuration, not yet handed out
     * @param loading the violations found while loading loose values
     * @throws InvalidConfigurationException listing every violation, sorted by property, secret values masked
     */
    static void check(KafkaConsumerConfig config, Collection<Violation> loading) {
        List<Violation> violations = new ArrayList<>(loading);
        for (Setting<?> setting : Settings.ALL) {
            violations.addAll(setting.violations(config.value(setting)));
        }
        violations.addAll(crossSettingViolations(config));
        violations.addAll(KafkaPropertyRules.violations(config.extraProperties(), config::isSecret));
        if (!violations.isEmpty()) {
            violations.sort(Violation.BY_PROPERTY);
            throw new InvalidConfigurationException(KafkaConsumerConfig.SUBJECT, violations.stream()
                    .map(violation -> violation.render(config.isSecret(violation.property())))
                    .collect(Collectors.toList()));
        }
        warnAboutRisks(config);
    }

    /** Rules between settings; each is checked only when the settings it relates are valid on their own. */
    private static List<Violation> crossSettingViolations(KafkaConsumerConfig config) {
        List<Violation> violations = new ArrayList<>();
        int maxPollRecords = config.maxPollRecords();
        int maxBufferedRecords = config.maxBufferedRecords();
        Duration revokeTimeout = config.revokeTimeout();
        int maxPollIntervalMs = config.maxPollIntervalMs();
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

    private static void warnAboutRisks(KafkaConsumerConfig config) {
        if (config.enableAutoCommit()) {
            LOG.warn("enable.auto.commit is true: Kafka commits the offsets of polled records on its own schedule,"
                    + " whether Kafkify has handled them or not, so a crash, a failed handler or a stop can lose"
                    + " records and the at-least-once guarantee no longer holds. Keep enableAutoCommit false"
                    + " (the default) unless losing records is acceptable.");
        }
        Set<String> unknown = KafkaPropertyRules.unknownToKafka(config.extraProperties().keySet());
        if (!unknown.isEmpty()) {
            LOG.warn("Kafka's consumer does not define the properties {}; Kafkify passes them on unchanged for"
                    + " plug-ins (interceptors, assignors, callbacks) to read. Check them for typos.", unknown);
        }
    }
}
