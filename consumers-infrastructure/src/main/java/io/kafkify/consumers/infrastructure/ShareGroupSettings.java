package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.domain.Ordering;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link KafkaConsumerConfig} means for a share group: which configurations a share group
 * cannot honour, the properties of the {@code KafkaShareConsumer}, and the group's delivery limit,
 * read from the broker.
 */
final class ShareGroupSettings {

    /** The group configuration that limits deliveries; the broker's {@code group.share.delivery.count.limit} by default. */
    static final String DELIVERY_COUNT_LIMIT = "share.delivery.count.limit";
    /** Kafka's default of {@link #DELIVERY_COUNT_LIMIT}. */
    static final int DEFAULT_DELIVERY_LIMIT = 5;
    static final String ACKNOWLEDGEMENT_MODE = "share.acknowledgement.mode";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaShareConsumerAdapter.class);
    /** Classic-group properties a {@code KafkaShareConsumer} refuses; Kafkify's own defaults set some of them. */
    private static final Set<String> CLASSIC_ONLY = Set.of("auto.offset.reset", "enable.auto.commit",
            "group.instance.id", "isolation.level", "partition.assignment.strategy", "interceptor.classes",
            "session.timeout.ms", "heartbeat.interval.ms", "group.protocol", "group.remote.assignor");
    /** Of {@link #CLASSIC_ONLY}, what Kafkify's typed settings set; the rest only an explicit property sets. */
    private static final Set<String> SET_BY_KAFKIFY = Set.of("auto.offset.reset", "enable.auto.commit",
            "isolation.level");

    private ShareGroupSettings() {
    }

    /**
     * @param config the configuration
     * @throws InvalidConfigurationException listing what a share group cannot do as asked
     */
    static void check(KafkaConsumerConfig config) {
        List<String> violations = new ArrayList<>();
        if (config.ordering() != Ordering.UNORDERED) {
            violations.add("ordering is " + config.ordering() + ", and a share group cannot keep it: the broker hands "
                    + "the records of one partition to several consumers at once, and a released record comes back "
                    + "after later ones. Set ordering(Ordering.UNORDERED) (kafkify.ordering=UNORDERED); the default "
                    + "PARTITION counts as asked, since a configuration cannot tell it from an explicit one. Keep "
                    + "a classic group (KafkaBaseConsumerAdapter) where order matters.");
        }
        if (config.failurePolicy() == FailurePolicy.STOP) {
            violations.add("failurePolicy STOP halts a partition, and a share group's records are not held back by "
                    + "their partition: choose DEAD_LETTER, REJECT or SKIP");
        }
        Object mode = config.extraProperties().get(ACKNOWLEDGEMENT_MODE);
        if (mode != null && !"explicit".equals(String.valueOf(mode))) {
            violations.add(ACKNOWLEDGEMENT_MODE + " is " + mode + "; Kafkify acknowledges each record itself, "
                    + "explicitly: leave the property out");
        }
        for (String name : config.extraProperties().keySet()) {
            if (CLASSIC_ONLY.contains(name) && !SET_BY_KAFKIFY.contains(name)) {
                violations.add(name + " is a classic consumer group's property, which a share consumer refuses");
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidConfigurationException("KafkaShareConsumerAdapter", violations);
        }
    }

    /**
     * @param config the configuration
     * @return the share consumer's properties: the configuration's, without those only classic
     *     groups take, with explicit acknowledgement
     */
    static Map<String, Object> consumerProperties(KafkaConsumerConfig config) {
        Map<String, Object> properties = new LinkedHashMap<>(config.toConsumerProperties());
        properties.keySet().removeAll(CLASSIC_ONLY);
        properties.put(ACKNOWLEDGEMENT_MODE, "explicit");
        return properties;
    }

    /**
     * Reads the group's delivery limit (the group's {@value #DELIVERY_COUNT_LIMIT}, else the
     * broker's default), with the consumer's connection settings.
     *
     * @param config the configuration
     * @return the limit, or {@value #DEFAULT_DELIVERY_LIMIT} when the broker does not say
     */
    static int deliveryLimit(KafkaConsumerConfig config) {
        Map<String, Object> properties = new LinkedHashMap<>(config.toConsumerProperties());
        properties.keySet().retainAll(AdminClientConfig.configNames());
        properties.remove(AdminClientConfig.CLIENT_ID_CONFIG);
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, config.groupId());
        try (Admin admin = Admin.create(properties)) {
            Config described = admin.describeConfigs(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            ConfigEntry limit = described == null ? null : described.get(DELIVERY_COUNT_LIMIT);
            if (limit != null && limit.value() != null) {
                return Integer.parseInt(limit.value());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Cannot read {} of share group {} ({}); taking Kafka's default {}. Set it on the adapter's "
                    + "builder (deliveryLimit) if the group's differs.", DELIVERY_COUNT_LIMIT, config.groupId(),
                    e.toString(), DEFAULT_DELIVERY_LIMIT);
        }
        return DEFAULT_DELIVERY_LIMIT;
    }
}
