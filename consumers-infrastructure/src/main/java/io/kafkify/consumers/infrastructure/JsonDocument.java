package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.LazyValue;
import io.kafkify.consumers.domain.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A record's value read once: what kind of content it is (by the documented decoding rules) and
 * its code, without building the value. The whole document is read, so that a record that is not
 * well-formed JSON is text, as the rules say: by {@link JsonScanner} when the mapper's parser is
 * one it models, else (and where the scan is unsure) with the mapper's streaming parser.
 *
 * <p>Threading: immutable after construction; {@link #get()} may run on any thread.
 */
final class JsonDocument implements LazyValue {

    /** The content kinds of the documented decoding. */
    enum Kind {
        /** A null or empty value. */
        ABSENT,
        /** Well-formed UTF-8 JSON. */
        JSON,
        /** Valid UTF-8 that is not JSON. */
        TEXT,
        /** Anything else. */
        BYTES
    }

    private final ObjectMapper mapper;
    private final byte @Nullable [] data;
    private final Kind kind;
    private final @Nullable String code;

    private JsonDocument(ObjectMapper mapper, byte @Nullable [] data, Kind kind, @Nullable String code) {
        this.mapper = mapper;
        this.data = data;
        this.kind = kind;
        this.code = code;
    }

    /**
     * @param mapper reads JSON; it must reject trailing tokens
     * @param scannable whether {@link JsonScanner} may stand in for the mapper's parser
     *     ({@link JsonScannerGate#admits}); Jackson still reads what the scan is unsure of
     * @param data the raw value, possibly null
     * @return the document, its kind and code known
     */
    static JsonDocument read(ObjectMapper mapper, boolean scannable, byte @Nullable [] data) {
        if (data == null || data.length == 0) {
            return new JsonDocument(mapper, null, Kind.ABSENT, null);
        }
        if (scannable && mayBeJson(data)) {
            // The scan checks UTF-8 as it goes: JSON holds other bytes than ASCII only in strings.
            long scanned = JsonScanner.scan(data);
            if (scanned == JsonScanner.NOT_UTF8) {
                return new JsonDocument(mapper, data, Kind.BYTES, null);
            }
            if (scanned == JsonScanner.NOT_JSON) {
                return new JsonDocument(mapper, data, isUtf8(data) ? Kind.TEXT : Kind.BYTES, null);
            }
            if (scanned != JsonScanner.UNSURE) {
                return new JsonDocument(mapper, data, Kind.JSON, JsonScanner.code(data, scanned));
            }
        }
        if (!isUtf8(data)) {
            return new JsonDocument(mapper, data, Kind.BYTES, null);
        }
        if (mayBeJson(data)) {
            try {
                return new JsonDocument(mapper, data, Kind.JSON, scan(mapper, data));
            } catch (IOException notJson) {
                // Falls through: text.
            }
        }
        return new JsonDocument(mapper, data, Kind.TEXT, null);
    }

    /** @return the kind of content */
    Kind kind() {
        return kind;
    }

    /** @return the raw bytes, not copied: read them, never write them; null when {@link Kind#ABSENT} */
    byte @Nullable [] data() {
        return data;
    }

    @Override
    public @Nullable String code() {
        return code;
    }

    @Override
    public @Nullable Object get() {
        if (data == null) {
            return null;
        }
        switch (kind) {
            case JSON -> {
                try {
                    return mapper.readValue(data, Object.class);
                } catch (IOException unexpected) {
                    // The scan read the whole document: only a mapper stricter than its own parser gets here.
                    return new String(data, StandardCharsets.UTF_8);
                }
            }
            case TEXT -> {
                return new String(data, StandardCharsets.UTF_8);
            }
            default -> {
                return data.clone();
            }
        }
    }

    /**
     * Reads every token; the code is the last top-level {@code code} field, as a map built from
     * the document would hold it, when that field is a string.
     */
    private static @Nullable String scan(ObjectMapper mapper, byte[] data) throws IOException {
        try (JsonParser parser = mapper.createParser(data)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IOException("no content");
            }
            String code = null;
            if (token == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean isCode = Message.CODE_FIELD.equals(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (isCode) {
                        code = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    parser.skipChildren();
                }
            } else {
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new IOException("trailing content");
            }
            return code;
        }
    }

    /** @return whether the first byte that is not white space may start JSON */
    static boolean mayBeJson(byte[] data) {
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

    /** @return whether the bytes are valid UTF-8 (an ASCII loop first: most values are ASCII) */
    static boolean isUtf8(byte[] data) {
        for (byte b : data) {
            if (b < 0) {
                return isValidUtf8(data);
            }
        }
        return true;
    }

    private static boolean isValidUtf8(byte[] data) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException notText) {
            return false;
        }
    }
}
