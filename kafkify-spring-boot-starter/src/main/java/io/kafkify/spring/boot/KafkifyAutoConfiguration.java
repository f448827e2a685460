package io.kafkify.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.engine.spi.EngineObserver;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Kafkify's auto-configuration: a {@link KafkaConsumerConfig} from the {@code kafkify.*} properties,
 * and, when the application has at least one handler (a {@code ConsumerRouter} bean or a bean with
 * {@code @Handles} methods), a {@link KafkaBaseConsumerAdapter} holding them all, run by a
 * {@link KafkifyConsumerLifecycle}. Each bean backs off when the application defines its own.
 *
 * <p>The adapter's builder receives every {@link EngineObserver} bean (the Micrometer meters of
 * {@link KafkifyMetricsAutoConfiguration}, or any other observer an auto-configuration or the
 * application defines), then every {@link KafkifyConsumerCustomizer} bean, each in {@code @Order}.
 * A handler is registered on the starter's adapter only: an adapter the application defines itself
 * registers its own handlers, and is run by the same lifecycle.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration")
public class KafkifyAutoConfiguration {

    /** Boot's default {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    /** Created by Spring. */
    public KafkifyAutoConfiguration() {
    }

    /**
     * @param environment the application's properties
     * @param objectMappers the application's Jackson 2 mapper, used when there is exactly one (or a primary one)
     * @return the configuration the {@code kafkify.*} properties describe
     * @throws KafkifyPropertiesException listing every violation by its property name
     */
    @Bean
    @ConditionalOnMissingBean
    public KafkaConsumerConfig kafkifyConsumerConfig(Environment environment, ObjectProvider<ObjectMapper> objectMappers) {
        return new KafkifyConfigBinder(environment).bind(objectMappers.getIfUnique());
    }

    /**
     * @param config the configuration
     * @param beans the application's beans, whose handlers are registered
     * @param observers every observer bean, added to the builder in order
     * @param customizers every customizer bean, applied after the observers, in order
     * @return the adapter, with every handler registered; closed with the context
     */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(OnKafkifyHandlersCondition.class)
    public KafkaBaseConsumerAdapter kafkifyConsumer(KafkaConsumerConfig config, ConfigurableListableBeanFactory beans,
                                                    ObjectProvider<EngineObserver> observers,
                                                    ObjectProvider<KafkifyConsumerCustomizer> customizers) {
        KafkaBaseConsumerAdapter.Builder builder = KafkaBaseConsumerAdapter.builder(config);
        observers.orderedStream().forEach(builder::observer);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        KafkaBaseConsumerAdapter consumer = builder.build();
        try {
            HandlerBeans.registerAll(beans, consumer);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        return consumer;
    }

    /**
     * @param consumer the application's consumer, the starter's or its own
     * @param environment for Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}
     * @return what starts the consumer after the refresh and stops it when the context closes
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(KafkaBaseConsumerAdapter.class)
    public KafkifyConsumerLifecycle kafkifyConsumerLifecycle(KafkaBaseConsumerAdapter consumer, Environment environment) {
        Duration phaseTimeout = Binder.get(environment)
                .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class).orElse(DEFAULT_PHASE_TIMEOUT);
        return new KafkifyConsumerLifecycle(consumer, consumer.config().shutdownTimeout(), phaseTimeout);
    }
}
