package io.kafkify.consumers.router;

import io.kafkify.consumers.domain.DuplicateHandlerException;
import io.kafkify.consumers.domain.MessageHandler;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The routing table of a consumer: topic, then code, then handler, with at most one default
 * handler per topic. It decides which handler takes a record; it never touches Kafka.
 *
 * <p>A look-up is two hash look-ups and allocates nothing: the {@link Optional}s it returns
 * are created once, at registration.
 *
 * <p>Threading: registrations are serialized; look-ups may run on any thread at the same time
 * as each other and as registrations.
 */
public final class RoutingTable {

    private final Map<String, TopicRoutes> topics = new ConcurrentHashMap<>();

    /**
     * Adds a handler for some codes of a topic, or the topic's default handler.
     *
     * <p>All or nothing: when one code clashes, none of the codes is registered.
     *
     * @param topic the topic
     * @param codes the codes; empty registers the default handler
     * @param handler the handler
     * @param description the handler's name, for errors and logs
     * @throws DuplicateHandlerException when the topic already has a handler for one of the
     *     codes, or a default handler, naming both handlers
     */
    public synchronized void register(String topic, Collection<String> codes, MessageHandler handler,
                                      String description) {
        Objects.requireNonNull(codes, "codes");
        TopicRoutes routes = topics.computeIfAbsent(Objects.requireNonNull(topic, "topic"), TopicRoutes::new);
        if (codes.isEmpty()) {
            routes.registerDefault(new Route(topic, null, handler, description));
            return;
        }
        for (String code : codes) {
            routes.checkFree(code, description);
        }
        for (String code : codes) {
            routes.byCode.put(code, Optional.of(new Route(topic, code, handler, description)));
        }
    }

    /**
     * Finds the handler of a record, by the documented rules: the handler of the record's code
     * when there is one, else the topic's default handler, else none.
     *
     * @param topic the record's topic
     * @param code the record's code, or null when it has none
     * @return the route, or empty when no handler takes the record
     */
    public Optional<Route> routeFor(String topic, @Nullable String code) {
        TopicRoutes routes = topics.get(topic);
        if (routes == null) {
            return Optional.empty();
        }
        if (code != null) {
            Optional<Route> route = routes.byCode.get(code);
            if (route != null) {
                return route;
            }
        }
        return routes.defaultRoute;
    }

    /** @return the topics that have at least one handler, in no particular order */
    public Set<String> topics() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(topics.keySet()));
    }

    /** @return true when no handler is registered */
    public boolean isEmpty() {
        return topics.isEmpty();
    }

    private static final class TopicRoutes {
        private final String topic;
        private final Map<String, Optional<Route>> byCode = new ConcurrentHashMap<>();
        private volatile Optional<Route> defaultRoute = Optional.empty();

        TopicRoutes(String topic) {
            this.topic = topic;
        }

        void checkFree(String code, String description) {
            Optional<Route> existing = byCode.get(code);
            if (existing != null) {
                throw new DuplicateHandlerException("Topic \"" + topic + "\" already has a handler for code \""
                        + code + "\": " + existing.get().description() + ". Cannot also register "
                        + description + ". Register one handler per topic and code.");
            }
        }

        void registerDefault(Route route) {
            if (defaultRoute.isPresent()) {
                throw new DuplicateHandlerException("Topic \"" + topic + "\" already has a default handler: "
                        + defaultRoute.get().description() + ". Cannot also register " + route.description()
                        + ". A topic has at most one default handler (registered without codes).");
            }
            defaultRoute = Optional.of(route);
        }
    }
}
