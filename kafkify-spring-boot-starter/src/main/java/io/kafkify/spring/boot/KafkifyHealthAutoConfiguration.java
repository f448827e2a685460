package io.kafkify.spring.boot;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code kafkify} health contributor, when Boot's health support is on the classpath and the
 * application has a consumer; {@code management.health.kafkify.enabled=false} turns it off.
 */
@AutoConfiguration(after = KafkifyAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(KafkaBaseConsumerAdapter.class)
@ConditionalOnEnabledHealthIndicator("kafkify")
public class KafkifyHealthAutoConfiguration {

    /** Created by Spring. */
    public KafkifyHealthAutoConfiguration() {
    }

    /**
     * @param consumer the application's consumer
     * @return its health, named {@code kafkify} after the bean
     */
    @Bean
    @ConditionalOnMissingBean(name = "kafkifyHealthIndicator")
    public KafkifyHealthIndicator kafkifyHealthIndicator(KafkaBaseConsumerAdapter consumer) {
        return new KafkifyHealthIndicator(consumer::state);
    }
}
