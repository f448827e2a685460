package io.kafkify.consumers.testkit.broker.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the end of the broker's log, which is where the reason for a failed start is. */
public final class LogTail {

    /** Enough bytes for the last lines even when Kafka dumps its configuration. */
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /**
     * @param file the log file, which may not exist
     * @param lines how many lines at most
     * @return the last {@code lines} lines, joined by new lines, or a note saying why there are none
     */
    public static String lastLines(Path file, int lines) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int length = (int) Math.min(size, MAX_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // Reads until the buffer is full or the file ends.
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            List<String> all = Arrays.asList(text.split("\\R", -1));
            if (length == MAX_BYTES && all.size() > 1) {
                all = all.subList(1, all.size()); // the first line is probably cut
            }
            int from = Math.max(0, all.size() - lines);
            String tail = String.join(System.lineSeparator(), all.subList(from, all.size())).stripTrailing();
            return tail.isEmpty() ? "(the log is empty)" : tail;
        } catch (NoSuchFileException e) {
            return "(no log file at " + file + ")";
        } catch (IOException e) {
            return "(could not read " + file + ": " + e + ")";
        }
    }
}
