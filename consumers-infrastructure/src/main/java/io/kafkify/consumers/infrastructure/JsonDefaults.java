package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Objects;

/**
 * The {@link ObjectMapper} Kafkify reads JSON with when it is given none, and what it adds to one
 * it is given. A tolerant reader: properties a type does not declare are ignored (whether they
 * fail is the {@code strictPayloads} setting's); {@code java.time} types bind from and write as
 * ISO-8601 text ({@code "2023-10-27T10:00:00Z"} to an {@code Instant}); Java records bind through
 * their canonical constructor.
 *
 * <p>Threading: the mappers it returns are thread-safe once configured; configure them before
 * the consumer is built.
 */
public final class JsonDefaults {

    private JsonDefaults() {
    }

    /** @return a new mapper with Kafkify's defaults, to configure further for the application's types */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * @param mapper an application's mapper
     * @return a copy of it with the {@code java.time} module, unless it has one already
     */
    static ObjectMapper withJavaTime(ObjectMapper mapper) {
        ObjectMapper copy = Objects.requireNonNull(mapper, "mapper").copy();
        JavaTimeModule javaTime = new JavaTimeModule();
        if (!copy.getRegisteredModuleIds().contains(javaTime.getTypeId())) {
            copy.registerModule(javaTime);
        }
        return copy;
    }
}
