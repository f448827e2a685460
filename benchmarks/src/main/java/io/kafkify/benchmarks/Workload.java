package io.kafkify.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The records every arm consumes: about 120 bytes of JSON with a {@code code} field, keyed so
 * that records spread over partitions and over a fixed number of keys.
 */
final class Workload {

    /** The codes the records carry; every arm has one handler per code. */
    static final List<String> CODES = List.of("ORDER_CREATED", "ORDER_PAID", "ORDER_SHIPPED", "ORDER_CANCELLED");

    private Workload() {
    }

    /**
     * @param sequence the record's number in the topic
     * @return the JSON value, 110 to 125 bytes depending on the code
     */
    static byte[] value(long sequence) {
        String code = CODES.get((int) (sequence % CODES.size()));
        String json = String.format(Locale.ROOT,
                "{\"code\":\"%s\",\"orderId\":\"ord-%010d\",\"customerId\":\"cus-%06d\",\"amount\":%d.%02d,"
                        + "\"currency\":\"EUR\",\"seq\":%d}",
                code, sequence, sequence % 1_000_000, 10 + sequence % 9_990, sequence % 100, sequence);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param sequence the record's number
     * @return the documented envelope, {@code {"code", "data", "timestamp"}}, around the same order
     *     fields as {@link #value(long)} and one the typed record does not declare ({@code currency})
     */
    static byte[] envelope(long sequence) {
        String code = CODES.get((int) (sequence % CODES.size()));
        String json = String.format(Locale.ROOT,
                "{\"code\":\"%s\",\"data\":{\"orderId\":\"ord-%010d\",\"customerId\":\"cus-%06d\","
                        + "\"amount\":%d.%02d,\"currency\":\"EUR\",\"seq\":%d},\"timestamp\":\"2023-10-27T10:00:00Z\"}",
                code, sequence, sequence % 1_000_000, 10 + sequence % 9_990, sequence % 100, sequence);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the shortest value of the first 10,000 records, in bytes */
    static int minValueLength() {
        int min = Integer.MAX_VALUE;
        for (long i = 0; i < 10_000; i++) {
            min = Math.min(min, value(i).length);
        }
        return min;
    }

    /** @return the longest value of the first 10,000 records, in bytes */
    static int maxValueLength() {
        int max = 0;
        for (long i = 0; i < 10_000; i++) {
            max = Math.max(max, value(i).length);
        }
        return max;
    }

    /**
     * @param sequence the record's number in the topic
     * @param keys how many distinct keys the topic has
     * @return the key: {@code key-<sequence mod keys>}
     */
    static byte[] key(long sequence, int keys) {
        return ("key-" + (sequence % keys)).getBytes(StandardCharsets.UTF_8);
    }
}
