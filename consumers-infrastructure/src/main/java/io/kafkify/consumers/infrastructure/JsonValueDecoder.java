package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.LazyDecoder;
import io.kafkify.consumers.domain.LazyValue;
import io.kafkify.consumers.domain.MessageHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The documented value decoding, the one implementation both adapters use:
 * <ol>
 *   <li>null or empty: {@code null};</li>
 *   <li>UTF-8 JSON: a {@code Map} for an object, a {@code List} for an array, a
 *       {@code String}, {@code Number} or {@code Boolean} for a scalar, null for {@code null};</li>
 *   <li>valid UTF-8 that is not JSON: the {@code String};</li>
 *   <li>anything else: a copy of the {@code byte[]}.</li>
 * </ol>
 * Never throws: every byte sequence has a decoding.
 *
 * <p>The consumers use {@link #decodeLazily}: one read of the whole document gives its kind and
 * code (a scan of the bytes that accepts what the mapper's parser accepts, when the mapper's
 * parser is Jackson's default one; else that parser), and the value is built only when a handler
 * asks for it; a typed handler binds from the bytes. {@link #decode} builds the value at once, by the same rules.
 *
 * <p>Threading: immutable and thread-safe.
 */
public final class JsonValueDecoder implements LazyDecoder {

    private final ObjectMapper mapper;
    /** Whether the mapper's parser is the one {@link JsonScanner} models. */
    private final boolean scannable;

    /** Decodes with Kafkify's default mapper ({@link JsonDefaults#objectMapper()}). */
    public JsonValueDecoder() {
        this(JsonDefaults.objectMapper());
    }

    /**
     * @param mapper the mapper to read JSON with; it is copied and set to reject trailing
     *     tokens, so that {@code 12 apples} is text, not the number 12
     */
    public JsonValueDecoder(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper").copy()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.scannable = JsonScannerGate.admits(this.mapper);
    }

    @Override
    public @Nullable Object decode(String topic, List<MessageHeader> headers, byte @Nullable [] data) {
        return decode(data);
    }

    @Override
    public LazyValue decodeLazily(String topic, List<MessageHeader> headers, byte @Nullable [] data) {
        return JsonDocument.read(mapper, scannable, data);
    }

    /**
     * @param data raw bytes, possibly null
     * @return the decoded value as the class documentation says
     */
    public @Nullable Object decode(byte @Nullable [] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        if (!JsonDocument.isUtf8(data)) {
            return data.clone();
        }
        if (JsonDocument.mayBeJson(data)) {
            try {
                return mapper.readValue(data, Object.class);
            } catch (IOException notJson) {
                // Falls through: text.
            }
        }
        return new String(data, StandardCharsets.UTF_8);
    }
}
