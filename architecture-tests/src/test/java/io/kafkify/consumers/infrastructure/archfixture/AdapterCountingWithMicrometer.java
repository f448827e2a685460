package io.kafkify.consumers.infrastructure.archfixture;

import io.micrometer.core.instrument.MeterRegistry;

/** Architecture fixture, violation: the Kafka adapter uses Micrometer, the technology of another adapter. */
public final class AdapterCountingWithMicrometer {

    public int meters(MeterRegistry registry) {
        return registry.getMeters().size();
    }
}
