package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.MappingJsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decides whether {@link JsonScanner} may stand in for a mapper's parser: only when that parser is
 * the one the scanner models, Jackson's {@code UTF8StreamJsonParser} with no read feature that
 * widens or narrows the grammar, and limits above the scanner's own. Any other mapper (a
 * {@code JsonReadFeature} enabled, strict duplicate detection, an input decorator, another
 * format, tighter limits, a subclass) keeps Jackson's read.
 *
 * <p>It looks at a parser the mapper creates, so that features set on the mapper's deserialization
 * configuration count as well as the factory's.
 *
 * <p>Threading: stateless.
 */
final class JsonScannerGate {

    /** Parser features that change no verdict and no string: where the source is, how numbers convert, closing. */
    private static final Set<JsonParser.Feature> NEUTRAL = EnumSet.of(JsonParser.Feature.AUTO_CLOSE_SOURCE,
            JsonParser.Feature.IGNORE_UNDEFINED, JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION,
            JsonParser.Feature.USE_FAST_DOUBLE_PARSER, JsonParser.Feature.USE_FAST_BIG_NUMBER_PARSER,
            JsonParser.Feature.CLEAR_CURRENT_TOKEN_ON_CLOSE);

    private JsonScannerGate() {
    }

    /**
     * @param mapper the mapper {@link JsonDocument} reads with
     * @return whether {@link JsonScanner}'s verdicts and codes are provably this mapper's parser's
     */
    static boolean admits(ObjectMapper mapper) {
        if (mapper.getClass() != ObjectMapper.class && mapper.getClass() != JsonMapper.class) {
            return false;
        }
        JsonFactory factory = mapper.getFactory();
        if ((factory.getClass() != JsonFactory.class && factory.getClass() != MappingJsonFactory.class)
                || factory.getInputDecorator() != null) {
            return false;
        }
        try (JsonParser parser = mapper.createParser(new byte[] {'0'})) {
            return parser.getClass() == UTF8StreamJsonParser.class && onlyNeutralFeatures(parser)
                    && withinLimits(parser.streamReadConstraints());
        } catch (IOException unexpected) {
            return false;
        }
    }

    private static boolean onlyNeutralFeatures(JsonParser parser) {
        for (JsonParser.Feature feature : JsonParser.Feature.values()) {
            if (!NEUTRAL.contains(feature) && parser.isEnabled(feature)) {
                return false;
            }
        }
        return true;
    }

    private static boolean withinLimits(StreamReadConstraints limits) {
        return limits.getMaxNestingDepth() >= JsonScanner.MAX_DEPTH
                && limits.getMaxNumberLength() >= JsonScanner.MAX_NUMBER_LENGTH
                // Jackson counts a name's bytes rounded up to whole 4-byte quads.
                && limits.getMaxNameLength() >= JsonScanner.MAX_NAME_LENGTH + 4
                && limits.getMaxStringLength() >= JsonScanner.MAX_STRING_LENGTH
                && limits.getMaxDocumentLength() <= 0
                && !limits.hasMaxTokenCount();
    }
}
