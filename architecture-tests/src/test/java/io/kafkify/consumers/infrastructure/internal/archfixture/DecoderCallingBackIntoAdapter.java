package io.kafkify.consumers.infrastructure.internal.archfixture;

import io.kafkify.consumers.infrastructure.archfixture.KafkaOrderAdapter;

/**
 * Architecture fixture, violation: internal code calling back into the public adapter that uses it,
 * which closes a cycle between the two packages.
 */
public final class DecoderCallingBackIntoAdapter {

    public String groupOf(KafkaOrderAdapter adapter) {
        return adapter.groupId();
    }
}
