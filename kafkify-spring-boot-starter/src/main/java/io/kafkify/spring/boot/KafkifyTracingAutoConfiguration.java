package io.kafkify.spring.boot;

import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.opentelemetry.KafkifyTracing;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Kafkify's spans ({@link KafkifyTracing}, from {@code consumers-opentelemetry}) on the
 * application's {@link OpenTelemetry} bean, when both are present and the application has a
 * consumer: a consumer span per record attempt, continuing the producer's trace. The tracing is an
 * {@link io.kafkify.consumers.engine.spi.EngineObserver} bean, which
 * {@link KafkifyAutoConfiguration} adds to the adapter's builder.
 */
@AutoConfiguration(after = KafkifyAutoConfiguration.class, afterName = {
        "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration"})
@ConditionalOnClass({KafkifyTracing.class, OpenTelemetry.class})
@ConditionalOnBean({OpenTelemetry.class, KafkaBaseConsumerAdapter.class})
public class KafkifyTracingAutoConfiguration {

    /** Created by Spring. */
    public KafkifyTracingAutoConfiguration() {
    }

    /**
     * @param openTelemetry the application's OpenTelemetry: its tracer provider and propagators
     * @param config the consumer's configuration, for the consumer group of the spans
     * @return the tracing, an observer of the consumer's engine
     */
    @Bean
    @ConditionalOnMissingBean
    public KafkifyTracing kafkifyTracing(OpenTelemetry openTelemetry, KafkaConsumerConfig config) {
        return new KafkifyTracing(openTelemetry, config.groupId());
    }
}
