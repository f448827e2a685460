package io.kafkify.consumers.infrastructure.archfixture;

import org.springframework.core.env.Environment;

/** Architecture fixture, violation: the Kafka adapter reads Spring's environment, which is the starter's job. */
public final class AdapterReadingSpringEnvironment {

    public String groupId(Environment environment) {
        return environment.getProperty("kafkify.group-id", "orders");
    }
}
