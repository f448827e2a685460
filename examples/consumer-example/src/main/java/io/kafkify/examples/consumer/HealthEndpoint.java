package io.kafkify.examples.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kafkify.consumers.domain.ConsumerState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /health-check}: the consumer's {@link ConsumerState} as JSON, with HTTP 200 while it
 * is {@linkplain ConsumerState#healthy() healthy} (its status is starting, running or
 * rebalancing, and no partition is stopped by the {@code STOP} failure policy) and 503
 * otherwise, so that an orchestrator can see a consumer that cannot work. The JDK's own HTTP
 * server serves it: no web framework for one endpoint.
 *
 * <pre>{@code
 * {"healthy": true, "status": "RUNNING",
 *  "assignedPartitions": [{"topic": "people-events", "partition": 0}, ...],
 *  "lastError": null, "handled": 6, "unrouted": 1, "failed": 1, ...}
 * }</pre>
 *
 * <p>Threading: requests are served one at a time on the server's own thread; the state supplier
 * is called there and must not block ({@code BaseConsumer.state()} never does).
 */
public final class HealthEndpoint implements AutoCloseable {

    /** The endpoint's path. */
    public static final String PATH = "/health-check";

    /** Durations (a partition's oldest unfinished record's age) as ISO-8601 text, e.g. {@code PT1.5S}. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(
            new com.fasterxml.jackson.databind.module.SimpleModule().addSerializer(java.time.Duration.class,
                    com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

    private final HttpServer server;
    private final Supplier<ConsumerState> state;

    private HealthEndpoint(HttpServer server, Supplier<ConsumerState> state) {
        this.server = server;
        this.state = state;
    }

    /**
     * Starts serving on every interface.
     *
     * @param port the port, or 0 for a free one
     * @param state reads the consumer's state, e.g. {@code consumer::state}
     * @return the running endpoint
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static HealthEndpoint start(int port, Supplier<ConsumerState> state) {
        Objects.requireNonNull(state, "state");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve " + PATH + " on port " + port
                    + "; choose another with --health-port", e);
        }
        HealthEndpoint endpoint = new HealthEndpoint(server, state);
        server.createContext(PATH, endpoint::handle);
        server.start();
        return endpoint;
    }

    /** @return the endpoint's address on this machine, e.g. {@code http://localhost:8080/health-check} */
    public URI uri() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + PATH);
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * @param current the consumer's state
     * @return the JSON body: {@code healthy}, then every component of the state
     */
    public static Map<String, @Nullable Object> body(ConsumerState current) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("healthy", current.healthy());
        Map<String, @Nullable Object> components = JSON.convertValue(current, JSON.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
        components.forEach(body::putIfAbsent);
        return body;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ConsumerState current = state.get();
            byte[] json = write(body(current));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(current.healthy() ? 200 : 503, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        }
    }

    private static byte[] write(Map<String, @Nullable Object> body) {
        try {
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the consumer state as JSON", e);
        }
    }
}
