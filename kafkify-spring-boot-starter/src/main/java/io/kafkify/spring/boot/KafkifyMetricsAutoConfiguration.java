package io.kafkify.spring.boot;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.micrometer.KafkifyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Kafkify's Micrometer meters ({@link KafkifyMetrics}, from {@code consumers-micrometer}) on the
 * application's {@link MeterRegistry}, when both are present and the application has a consumer. The
 * meters are an {@link io.kafkify.consumers.engine.spi.EngineObserver} bean, which
 * {@link KafkifyAutoConfiguration} adds to the adapter's builder; the state gauges are bound once
 * every singleton exists.
 */
@AutoConfiguration(after = KafkifyAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({KafkifyMetrics.class, MeterRegistry.class})
@ConditionalOnBean({MeterRegistry.class, KafkaBaseConsumerAdapter.class})
public class KafkifyMetricsAutoConfiguration {

    /** Created by Spring. */
    public KafkifyMetricsAutoConfiguration() {
    }

    /**
     * @param registry the application's registry
     * @return the meters, an observer of the consumer's engine
     */
    @Bean
    @ConditionalOnMissingBean
    public KafkifyMetrics kafkifyMetrics(MeterRegistry registry) {
        return new KafkifyMetrics(registry);
    }

    /**
     * @param metrics the meters
     * @param consumer the application's consumer
     * @return what binds the gauges of the consumer's state, once every singleton exists
     */
    @Bean
    public SmartInitializingSingleton kafkifyMetricsStateBinding(KafkifyMetrics metrics,
                                                                 ObjectProvider<KafkaBaseConsumerAdapter> consumer) {
        return () -> consumer.ifUnique(adapter -> metrics.bindState(adapter::state));
    }
}
