package io.kafkify.consumers.testkit.broker.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The few ASN.1 DER encodings an X.509 certificate needs, because the JDK can parse and sign
 * certificates but offers no public API to build one, and the test kit must not add a
 * dependency (such as Bouncy Castle) to its users' classpath.
 */
final class Der {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    private Der() {
    }

    static byte[] sequence(byte[]... elements) {
        return tagged(0x30, concat(elements));
    }

    static byte[] set(byte[]... elements) {
        return tagged(0x31, concat(elements));
    }

    static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tagged(0x01, new byte[] {(byte) (value ? 0xFF : 0x00)});
    }

    static byte[] octetString(byte[] value) {
        return tagged(0x04, value);
    }

    /** A bit string of whole bytes (no unused bits), as signatures are. */
    static byte[] bitString(byte[] value) {
        byte[] content = new byte[value.length + 1];
        System.arraycopy(value, 0, content, 1, value.length);
        return tagged(0x03, content);
    }

    static byte[] utf8String(String value) {
        return tagged(0x0C, value.getBytes(StandardCharsets.UTF_8));
    }

    /** UTCTime, which X.509 requires for dates before 2050. */
    static byte[] utcTime(ZonedDateTime time) {
        String text = time.withZoneSameInstant(ZoneOffset.UTC).format(UTC_TIME);
        return tagged(0x17, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** @param dotted an object identifier such as {@code 2.5.4.3} */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            while ((arc >> (7 * groups)) != 0) {
                groups++;
            }
            for (int group = groups - 1; group >= 0; group--) {
                int bits = (int) ((arc >> (7 * group)) & 0x7F);
                content.write(group == 0 ? bits : bits | 0x80);
            }
        }
        return tagged(0x06, content.toByteArray());
    }

    /** A context-specific, constructed, explicit tag: {@code [number] EXPLICIT}. */
    static byte[] explicit(int number, byte[] element) {
        return tagged(0xA0 | number, element);
    }

    /** A context-specific, primitive, implicit tag, as subject alternative names use. */
    static byte[] implicitPrimitive(int number, byte[] content) {
        return tagged(0x80 | number, content);
    }

    static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >> (8 * i)) & 0xFF);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
