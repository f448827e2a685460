package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.MessageHeader;
import java.io.IOException;
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
 * <p>Threading: immutable and thread-safe.
 */
public final class JsonValueDecoder implements Decoder {

    private static final TextKeyDecoder TEXT = new TextKeyDecoder();

    private final ObjectMapper mapper;

    /** Decodes with a default {@link ObjectMapper}. */
    public JsonValueDecoder() {
        this(new ObjectMapper());
    }

    /**
     * @param mapper the mapper to read JSON with; it is copied and set to reject trailing
     *     tokens, so that {@code 12 apples} is text, not the number 12
     */
    public JsonValueDecoder(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper").copy()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public @Nullable Object decode(String topic, List<MessageHeader> headers, byte @Nullable [] data) {
        return decode(data);
    }

    /**
     * @param data raw bytes, possibly null
     * @return the decoded value as the class documentation says
     */
    public @Nullable Object decode(byte @Nullable [] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        if (mayBeJson(data)) {
            try (JsonParser parser = mapper.createParser(data)) {
                JsonToken first = parser.nextToken();
                if (first != null) {
                    return mapper.readValue(parser, Object.class);
                }
            } catch (IOException notJson) {
                // Falls through: text or bytes.
            }
        }
        return utf8OrBytes(data);
    }

    private static boolean mayBeJson(byte[] data) {
        for (byte b : data) {
            switch (b) {
                case ' ', '\t', '\r', '\n' -> {
                    continue;
                }
                case '{', '[', '"', '-', 't', 'f', 'n', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    private static Object utf8OrBytes(byte[] data) {
        return TEXT.decode(null, List.of(), data);
    }
}
