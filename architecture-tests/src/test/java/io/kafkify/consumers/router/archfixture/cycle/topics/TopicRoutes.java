package io.kafkify.consumers.router.archfixture.cycle.topics;

import io.kafkify.consumers.router.archfixture.cycle.codes.CodeRoutes;

/** Architecture fixture, violation: one half of a cycle between two packages of the router. */
public final class TopicRoutes {

    public CodeRoutes codesOf(String topic) {
        return new CodeRoutes(this);
    }
}
