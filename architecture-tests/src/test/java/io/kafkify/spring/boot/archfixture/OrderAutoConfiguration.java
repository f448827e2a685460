package io.kafkify.spring.boot.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.engine.spi.archfixture.OrderObserver;
import io.kafkify.consumers.infrastructure.archfixture.KafkaOrderAdapter;
import io.kafkify.consumers.micrometer.archfixture.OrderMeters;
import io.kafkify.consumers.router.archfixture.OrderRouting;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.env.Environment;

/**
 * Architecture fixture, compliant: the Spring Boot starter wiring the Kafka adapter, the Micrometer
 * adapter and the application's Jackson mapper from Spring's environment.
 */
public final class OrderAutoConfiguration {

    public KafkaOrderAdapter orderAdapter(Environment environment, OrderRouting routing, ObjectMapper mapper) {
        return new KafkaOrderAdapter(environment.getProperty("kafkify.group-id", mapper.getClass().getName()), routing);
    }

    public OrderObserver orderMeters(MeterRegistry registry) {
        return new OrderMeters(registry).observer();
    }
}
