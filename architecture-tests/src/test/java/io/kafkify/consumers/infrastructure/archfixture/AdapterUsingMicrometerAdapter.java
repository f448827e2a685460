package io.kafkify.consumers.infrastructure.archfixture;

import io.kafkify.consumers.micrometer.archfixture.OrderMeters;

/** Architecture fixture, violation: the Kafka adapter depends on the Micrometer adapter, beside it, not below. */
public final class AdapterUsingMicrometerAdapter {

    public String meters(OrderMeters meters) {
        return meters.toString();
    }
}
