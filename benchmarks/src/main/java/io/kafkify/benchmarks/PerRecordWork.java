package io.kafkify.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.MessageHandler;
import io.kafkify.consumers.domain.Payload;
import io.kafkify.consumers.infrastructure.JacksonPayloadBinder;
import io.kafkify.consumers.infrastructure.JsonDefaults;
import io.kafkify.consumers.infrastructure.JsonValueDecoder;
import io.kafkify.consumers.router.Route;
import io.kafkify.consumers.router.RoutingTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The per-record work of scenario 4, without I/O, one batch of {@link #BATCH} records (a poll's
 * worth) per call: each call returns a value derived from everything it computed, so that the
 * JIT cannot drop the work. JMH ({@link PerRecordCostBenchmark}) and the quick-mode timing loop
 * both call these methods.
 *
 * <p>Not thread-safe: one instance per measuring thread.
 */
public final class PerRecordWork {

    /** Records per call: Kafka's default {@code max.poll.records}. */
    public static final int BATCH = 500;
    private static final int DISTINCT = 1024;
    private static final String TOPIC = "orders";

    private final byte[][] values = new byte[DISTINCT][];
    private final String[] codes = new String[DISTINCT];
    private final Map<String, MessageHandler> handlers = new HashMap<>();
    private final RoutingTable table = new RoutingTable();
    private final JsonValueDecoder decoder = new JsonValueDecoder();
    /**
     * Decodes as {@link #decoder} with Jackson's tokenizer reading the code: a mapper with a read
     * feature the scan does not model (comments, none of which are in the values) keeps Jackson's read.
     */
    private final JsonValueDecoder jacksonDecoder = new JsonValueDecoder(
            JsonDefaults.objectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS));
    private final byte[][] envelopes = new byte[DISTINCT][];
    private final Message[] readEnvelopes = new Message[DISTINCT];
    private final JacksonPayloadBinder binder = new JacksonPayloadBinder();
    private final Payload<OrderData> data = Payload.of(OrderData.class).at("/data");
    private final JsonFactory json = new JsonFactory();
    private final FirstWaveOffsetTracker.Ticket[] tickets = new FirstWaveOffsetTracker.Ticket[BATCH];
    private FirstWaveOffsetTracker tracker = new FirstWaveOffsetTracker();
    private long nextOffset;
    private int cursor;

    public PerRecordWork() {
        for (int i = 0; i < DISTINCT; i++) {
            values[i] = Workload.value(i);
            codes[i] = Message.codeOf(decoder.decode(values[i]));
            envelopes[i] = Workload.envelope(i);
            readEnvelopes[i] = Message.lazy(TOPIC, 0, i, Instant.EPOCH, null, List.of(),
                    decoder.decodeLazily(TOPIC, List.of(), envelopes[i]));
        }
        for (String code : Workload.CODES) {
            MessageHandler handler = message -> { };
            handlers.put(code, handler);
            table.register(TOPIC, List.of(code), handler, "benchmark handler of " + code);
        }
    }

    /** The floor: one {@code HashMap} look-up of an already known code per record. */
    public long bareHashMapLookup() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += System.identityHashCode(handlers.get(codes[next()]));
        }
        return sum;
    }

    /** Kafkify without the JSON decode: route the known code, then track, finish and commit the offset. */
    public long routeAndTrack() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            Optional<Route> route = table.routeFor(TOPIC, codes[next()]);
            sum += route.isPresent() ? 1 : 0;
            tickets[i] = tracker.track(nextOffset++);
        }
        return sum + finishBatch();
    }

    /** Kafkify's path: decode the value as Kafkify does (to a {@code Map}), read the code, route, track. */
    public long decodeRouteAndTrack() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            String code = Message.codeOf(decoder.decode(values[next()]));
            Optional<Route> route = table.routeFor(TOPIC, code);
            sum += route.isPresent() ? 1 : 0;
            tickets[i] = tracker.track(nextOffset++);
        }
        return sum + finishBatch();
    }

    /** What a lazy code extraction would cost: stream the JSON up to the code field, then route and track. */
    public long streamCodeRouteAndTrack() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            String code = streamCode(values[next()]);
            Optional<Route> route = table.routeFor(TOPIC, code);
            sum += route.isPresent() ? 1 : 0;
            tickets[i] = tracker.track(nextOffset++);
        }
        return sum + finishBatch();
    }

    /**
     * The path Kafkify runs per record: the code read from the bytes by scanning the whole
     * document, a {@link Message} whose value is never built (the handler does not read it),
     * route, track: {@link #decodeRouteAndTrack} is its reference.
     */
    public long lazyCodeRouteAndTrack() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            byte[] value = values[next()];
            Message message = Message.lazy(TOPIC, 0, nextOffset, Instant.EPOCH, null, List.of(),
                    decoder.decodeLazily(TOPIC, List.of(), value));
            Optional<Route> route = table.routeFor(TOPIC, message.code());
            sum += route.isPresent() ? 1 : 0;
            tickets[i] = tracker.track(nextOffset++);
        }
        return sum + finishBatch();
    }

    /**
     * {@link #lazyCodeRouteAndTrack} with Jackson's streaming parser over the whole document instead
     * of Kafkify's scan: the lazy path before the scan, kept to compare within one run.
     */
    public long jacksonCodeRouteAndTrack() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            byte[] value = values[next()];
            Message message = Message.lazy(TOPIC, 0, nextOffset, Instant.EPOCH, null, List.of(),
                    jacksonDecoder.decodeLazily(TOPIC, List.of(), value));
            Optional<Route> route = table.routeFor(TOPIC, message.code());
            sum += route.isPresent() ? 1 : 0;
            tickets[i] = tracker.track(nextOffset++);
        }
        return sum + finishBatch();
    }

    /** A typed handler's binding: the envelope's {@code /data} to a small record, from the bytes. */
    public long bindDataFromBytes() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            Message message = Message.lazy(TOPIC, 0, i, Instant.EPOCH, null, List.of(),
                    decoder.decodeLazily(TOPIC, List.of(), envelopes[next()]));
            sum += binder.bind(message, data).seq();
        }
        return sum;
    }

    /** {@link #bindDataFromBytes} without the code read that routing has done before: the binding alone. */
    public long bindDataOnly() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += binder.bind(readEnvelopes[next()], data).seq();
        }
        return sum;
    }

    /** The reference of {@link #bindDataFromBytes}: the same envelopes decoded to a {@code Map}, code read. */
    public long decodeEnvelopeOnly() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            String code = Message.codeOf(decoder.decode(envelopes[next()]));
            sum += code == null ? 0 : code.length();
        }
        return sum;
    }

    /** The envelope's {@code data} as a typed handler would declare it. */
    public record OrderData(String orderId, String customerId, BigDecimal amount, long seq) {
    }

    /** The JSON decode alone, as Kafkify does it, with the code read from the {@code Map}. */
    public long decodeOnly() {
        long sum = 0;
        for (int i = 0; i < BATCH; i++) {
            String code = Message.codeOf(decoder.decode(values[next()]));
            sum += code == null ? 0 : code.length();
        }
        return sum;
    }

    private long finishBatch() {
        for (int i = 0; i < BATCH; i++) {
            tickets[i].finish();
        }
        long committable = tracker.committable();
        if (nextOffset > Long.MAX_VALUE / 2) {
            tracker = new FirstWaveOffsetTracker();
            nextOffset = 0;
        }
        return committable;
    }

    private int next() {
        int index = cursor;
        cursor = (cursor + 1) & (DISTINCT - 1);
        return index;
    }

    private @Nullable String streamCode(byte[] value) {
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("code".equals(field)) {
                    return token == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
