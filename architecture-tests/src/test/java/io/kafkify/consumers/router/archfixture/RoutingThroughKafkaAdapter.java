package io.kafkify.consumers.router.archfixture;

import io.kafkify.consumers.infrastructure.archfixture.KafkaOrderAdapter;

/** Architecture fixture, violation: the router depending on the infrastructure, one module up. */
public final class RoutingThroughKafkaAdapter {

    public String groupOf(KafkaOrderAdapter adapter) {
        return adapter.groupId();
    }
}
