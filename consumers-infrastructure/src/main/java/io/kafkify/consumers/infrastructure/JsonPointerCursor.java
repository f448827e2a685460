package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Moves a parser to the part of a document a JSON pointer names, skipping what lies before it, so
 * that the part binds straight from the bytes. Jackson's pointer filter does the same with a
 * delegate around every token, and cost the binding twice the decode to a {@code Map} here.
 */
final class JsonPointerCursor {

    private JsonPointerCursor() {
    }

    /**
     * @param parser a parser before the document's first token
     * @param pointer the part; the first of repeated names is taken
     * @return true with the parser on the part's first token, false when the document has no such part
     * @throws IOException when the document is not well-formed before the part
     */
    static boolean moveTo(JsonParser parser, JsonPointer pointer) throws IOException {
        JsonToken token = parser.nextToken();
        for (JsonPointer at = pointer; !at.matches(); at = at.tail()) {
            if (token == JsonToken.START_OBJECT) {
                token = field(parser, at.getMatchingProperty());
            } else if (token == JsonToken.START_ARRAY && at.getMatchingIndex() >= 0) {
                token = element(parser, at.getMatchingIndex());
            } else {
                return false;
            }
            if (token == null) {
                return false;
            }
        }
        return true;
    }

    private static JsonToken field(JsonParser parser, String name) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean match = name.equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (match) {
                return value;
            }
            parser.skipChildren();
        }
        return null;
    }

    private static JsonToken element(JsonParser parser, int index) throws IOException {
        int position = 0;
        for (JsonToken value = parser.nextToken(); value != null && value != JsonToken.END_ARRAY;
                value = parser.nextToken()) {
            if (position++ == index) {
                return value;
            }
            parser.skipChildren();
        }
        return null;
    }
}
