package io.kafkify.consumers.infrastructure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is printed to {@code System.err} and {@code System.out} while it is open: the
 * test classpath logs through slf4j-simple, which prints to {@code System.err} by default and
 * reads that stream at each call, and a test resource could point it at {@code System.out}.
 */
final class KafkaConsumerConfigLogCapture implements AutoCloseable {

    private final PrintStream originalErr = System.err;
    private final PrintStream originalOut = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    KafkaConsumerConfigLogCapture() {
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
    }

    String text() {
        System.err.flush();
        System.out.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(originalErr);
        System.setOut(originalOut);
        // Replayed so that the build output still shows what the test logged.
        originalErr.print(text());
    }
}
