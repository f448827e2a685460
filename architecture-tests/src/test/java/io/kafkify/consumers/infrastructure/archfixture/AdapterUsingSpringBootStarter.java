package io.kafkify.consumers.infrastructure.archfixture;

import io.kafkify.spring.boot.archfixture.OrderAutoConfiguration;

/** Architecture fixture, violation: the Kafka adapter depends on the Spring Boot starter built on it. */
public final class AdapterUsingSpringBootStarter {

    public boolean configured(OrderAutoConfiguration configuration) {
        return configuration != null;
    }
}
