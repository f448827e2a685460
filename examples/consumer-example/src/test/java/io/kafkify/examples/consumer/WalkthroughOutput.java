package io.kafkify.examples.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The sample output of docs/examples/consumer.md, read so that a real run can be compared with
 * it: the lines the example prints, and the log lines (messages only, stack frames left out).
 * Ports are random and the order of the {@code handled} lines varies, so lines compare with
 * ports masked, as sets.
 */
final class WalkthroughOutput {

    private static final Path PAGE = Path.of("..", "..", "docs", "examples", "consumer.md");
    private static final Pattern PORT = Pattern.compile("(127\\.0\\.0\\.1|localhost):\\d+");
    private static final String LOG_PREFIX = "[WARN] ";

    private final List<String> printed = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();

    private WalkthroughOutput(List<String> block) {
        for (String line : block) {
            if (line.startsWith(LOG_PREFIX)) {
                logged.add(message(line));
            } else if (!line.startsWith("\t") && !line.matches("^[\\w.]+(Exception|Error): .*")) {
                printed.add(normalize(line));
            }
        }
    }

    /** @return the first {@code text} block after the line that ends with "The output:" on the walkthrough page */
    static WalkthroughOutput read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(PAGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = 0;
        while (start < lines.size() && !lines.get(start).endsWith("The output:")) {
            start++;
        }
        if (start == lines.size()) {
            throw new IllegalStateException(PAGE + " has no line ending with \"The output:\" before its sample output");
        }
        int open = lines.subList(start, lines.size()).indexOf("```text") + start;
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        return new WalkthroughOutput(lines.subList(open + 1, close));
    }

    /** @return the lines the example prints itself, ports masked */
    List<String> printed() {
        return printed;
    }

    /** @return the messages of the log lines, after the logger's name */
    List<String> logged() {
        return logged;
    }

    static String normalize(String line) {
        return PORT.matcher(line.stripTrailing()).replaceAll("$1:PORT");
    }

    /** @return a log line's message: what follows {@code [LEVEL] Logger - } */
    static String message(String line) {
        int dash = line.indexOf(" - ");
        return dash < 0 ? line : line.substring(dash + 3).stripTrailing();
    }
}
