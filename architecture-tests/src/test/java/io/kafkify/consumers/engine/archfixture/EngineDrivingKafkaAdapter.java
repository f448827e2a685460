package io.kafkify.consumers.engine.archfixture;

import io.kafkify.consumers.infrastructure.archfixture.KafkaOrderAdapter;

/** Architecture fixture, violation: the engine depending on the infrastructure, which drives it. */
public final class EngineDrivingKafkaAdapter {

    public String groupOf(KafkaOrderAdapter adapter) {
        return adapter.groupId();
    }
}
