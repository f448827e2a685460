package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Writes where in a record's value a binding failed, as Bean Validation writes property paths
 * ({@code data.items[0].sku}), counted from the value even when only a part of it was bound.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /**
     * @param pointer the bound part, a JSON pointer; empty for the whole value
     * @return the path of the part followed by a dot ({@code data.}), or empty
     */
    static String prefixOf(String pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer at = JsonPointer.compile(pointer); !at.matches(); at = at.tail()) {
            append(path, at.getMatchingProperty(), at.getMatchingIndex());
        }
        return path.isEmpty() ? "" : path + ".";
    }

    /**
     * @param pointer the bound part
     * @param failure Jackson's failure, with the reference path inside the part
     * @return the failed property's path in the value, or empty when Jackson gives none
     */
    static String of(String pointer, JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : failure.getPath()) {
            append(path, reference.getFieldName(), reference.getIndex());
        }
        if (path.isEmpty()) {
            return "";
        }
        return prefixOf(pointer) + path;
    }

    private static void append(StringBuilder path, String property, int index) {
        if (index >= 0 && property != null && property.equals(Integer.toString(index))) {
            path.append('[').append(index).append(']');
        } else if (property != null) {
            path.append(path.isEmpty() ? "" : ".").append(property);
        } else if (index >= 0) {
            path.append('[').append(index).append(']');
        }
    }
}
