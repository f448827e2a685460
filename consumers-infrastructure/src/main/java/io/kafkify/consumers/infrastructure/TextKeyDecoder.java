package io.kafkify.consumers.infrastructure;

import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.domain.MessageHeader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The default key decoding: a key that is valid UTF-8 becomes a {@code String}, any other key
 * a copy of its {@code byte[]}, a null key null. Keys are not parsed as JSON: they are
 * identifiers.
 *
 * <p>Threading: stateless and thread-safe.
 */
public final class TextKeyDecoder implements Decoder {

    @Override
    public @Nullable Object decode(String topic, List<MessageHeader> headers, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        if (isAscii(data)) {
            // Most keys are ASCII: no decoder needed, and every byte is valid as it is.
            return new String(data, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException notText) {
            return data.clone();
        }
    }

    /** @return true: it never throws and has no side effect, so a key is decoded only if a handler reads it */
    @Override
    public boolean decodesOnDemand() {
        return true;
    }

    private static boolean isAscii(byte[] data) {
        for (byte b : data) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
