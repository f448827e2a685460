package io.kafkify.consumers.router.archfixture.cycle.codes;

import io.kafkify.consumers.router.archfixture.cycle.topics.TopicRoutes;

/** Architecture fixture, violation: the other half of a cycle between two packages of the router. */
public final class CodeRoutes {

    private final TopicRoutes topics;

    public CodeRoutes(TopicRoutes topics) {
        this.topics = topics;
    }

    public TopicRoutes topics() {
        return topics;
    }
}
