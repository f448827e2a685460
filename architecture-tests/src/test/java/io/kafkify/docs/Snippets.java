package io.kafkify.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps the Java snippets of the Markdown documentation equal to tagged regions of compiled
 * sources, so that a snippet cannot drift from the API.
 *
 * <p>In a source file, a region is the lines between {@code tag::name[]} and {@code end::name[]}
 * (in comments, e.g. {@code // tag::quick-start[]}); lines of other regions' tags inside it are
 * left out. In the Markdown, every {@code ```java} block has, on the nearest non-blank line before
 * it, a marker naming its region by the source's path from the repository root:
 *
 * <pre>
 * &lt;!-- snippet: examples/consumer-example/src/test/java/io/kafkify/examples/consumer/QuickStartIT.java#quick-start --&gt;
 * ```java
 * ...
 * ```
 * </pre>
 *
 * <p>The block must equal the region once the region's common indentation is removed; trailing
 * whitespace and leading or trailing blank lines do not count. The source must be a
 * {@code src/main/java} or {@code src/test/java} file of a module of the root POM, or of a project
 * under a module's {@code src/it} (which the invoker builds and tests), so that the build compiles
 * it.
 */
final class Snippets {

    /** The system property that makes {@link DocumentationSnippetsTest} rewrite the blocks. */
    static final String UPDATE_PROPERTY = "docs.update";
    /**
     * How to refresh every block from its region. The benchmarks, a test dependency of
     * architecture-tests that is never installed, must be in the reactor; they have no test of that name.
     */
    static final String UPDATE_COMMAND = "mvn -B -pl benchmarks,architecture-tests test"
            + " -Dtest=DocumentationSnippetsTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -D" + UPDATE_PROPERTY + "=true";

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})(.*)$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+?)#([\\w.-]+)\\s*-->\\s*$");
    private static final Pattern ANY_TAG = Pattern.compile("\\b(?:tag|end)::[\\w.-]+\\[\\]");
    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern COMPILED_SOURCE = Pattern.compile(
            "^(.+?)(?:/src/it/[^/]+)?/src/(?:main|test)/java/.+\\.java$");

    /** Something wrong with a snippet, at a line of a Markdown file. */
    record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /**
     * A fenced code block of a Markdown file.
     *
     * @param info the fence's info string, e.g. {@code java}
     * @param indent the fence's indentation, which its content lines share
     * @param fenceLine the index of the opening fence line
     * @param closeLine the index of the closing fence line (the file's size when it is unclosed)
     * @param markerLine the index of the marker line, or -1
     * @param reference the marker's {@code path#region}, or null
     */
    record Block(String info, String indent, int fenceLine, int closeLine, int markerLine, String reference) {
        boolean isJava() {
            String language = info.strip().split("[\\s{]", 2)[0].toLowerCase(Locale.ROOT);
            return language.equals("java");
        }
    }

    /** A resolved region: its lines (dedented) and where it starts. */
    record Region(List<String> lines, int startLine) {
    }

    private final Path root;
    private final Set<String> modules;

    private Snippets(Path root) {
        this.root = root;
        this.modules = modulesOf(root);
    }

    /**
     * @param root the repository root
     * @return a checker of the documentation under that root
     */
    static Snippets in(Path root) {
        return new Snippets(root.toAbsolutePath().normalize());
    }

    /**
     * Walks up from {@code start} to the repository root: the first directory with a
     * {@code README.md} and a {@code pom.xml} that lists modules.
     *
     * @param start a directory inside the repository, e.g. a module's basedir
     * @return the root
     * @throws IllegalStateException when no directory above qualifies
     */
    static Path repositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.isRegularFile(dir.resolve("README.md"))
                    && read(pom).contains("<modules>")) {
                return dir;
            }
        }
        throw new IllegalStateException("No directory at or above " + start.toAbsolutePath()
                + " holds README.md and an aggregator pom.xml; run the test from inside the repository.");
    }

    /** @return README.md and every Markdown file under docs/, sorted */
    List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> walk = Files.walk(docs)) {
                walk.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /**
     * @param markdown a Markdown file under the root
     * @return every problem of its Java blocks, in file order
     */
    List<Problem> check(Path markdown) {
        String name = relative(markdown);
        List<String> lines = lines(markdown);
        List<Problem> problems = new ArrayList<>();
        for (Block block : blocks(lines)) {
            if (!block.isJava()) {
                continue;
            }
            int line = block.fenceLine() + 1;
            if (block.closeLine() >= lines.size()) {
                problems.add(new Problem(name, line, "the ```java block is never closed"));
                continue;
            }
            if (block.reference() == null) {
                problems.add(new Problem(name, line, "the ```java block has no snippet marker. Put the code in a"
                        + " tagged region of a compiled source (// tag::name[] ... // end::name[]) and write"
                        + " <!-- snippet: path/from/root/Source.java#name --> on the line before the block"));
                continue;
            }
            Region region;
            try {
                region = region(block.reference());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(name, block.markerLine() + 1, e.getMessage()));
                continue;
            }
            List<String> shown = normalize(content(lines, block));
            if (!shown.equals(region.lines())) {
                problems.add(new Problem(name, line, "the ```java block differs from " + block.reference()
                        + " (region at line " + region.startLine() + "); " + firstDifference(shown, region.lines())
                        + ". Refresh the docs from the sources: " + UPDATE_COMMAND));
            }
        }
        return problems;
    }

    /**
     * Rewrites every marked Java block of a Markdown file from its region; blocks whose region
     * cannot be resolved are left as they are ({@link #check} reports them).
     *
     * @param markdown a Markdown file under the root
     * @return whether the file changed
     */
    boolean update(Path markdown) {
        List<String> lines = lines(markdown);
        List<String> updated = new ArrayList<>();
        int next = 0;
        for (Block block : blocks(lines)) {
            if (!block.isJava() || block.reference() == null || block.closeLine() >= lines.size()) {
                continue;
            }
            Region region;
            try {
                region = region(block.reference());
            } catch (IllegalArgumentException e) {
                continue;
            }
            updated.addAll(lines.subList(next, block.fenceLine() + 1));
            for (String line : region.lines()) {
                updated.add(line.isEmpty() ? "" : block.indent() + line);
            }
            next = block.closeLine();
        }
        updated.addAll(lines.subList(next, lines.size()));
        if (updated.equals(lines)) {
            return false;
        }
        write(markdown, String.join("\n", updated) + "\n");
        return true;
    }

    /**
     * @param reference {@code path/from/root/Source.java#region}
     * @return the region's lines, common indentation removed
     * @throws IllegalArgumentException naming what is wrong with the reference
     */
    Region region(String reference) {
        int hash = reference.lastIndexOf('#');
        String path = reference.substring(0, hash);
        String name = reference.substring(hash + 1);
        Path source = root.resolve(path).normalize();
        if (!source.startsWith(root)) {
            throw new IllegalArgumentException("snippet " + reference + " points outside the repository");
        }
        Matcher compiled = COMPILED_SOURCE.matcher(path);
        if (!compiled.matches() || !modules.contains(compiled.group(1))) {
            throw new IllegalArgumentException("snippet " + reference + " must come from src/main/java or"
                    + " src/test/java of a module of the root pom.xml " + modules + " (or of an invoker project under"
                    + " its src/it), so that the build compiles it");
        }
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("snippet " + reference + ": no such file " + path);
        }
        List<String> lines = lines(source);
        Pattern start = Pattern.compile("\\btag::" + Pattern.quote(name) + "\\[\\]");
        Pattern end = Pattern.compile("\\bend::" + Pattern.quote(name) + "\\[\\]");
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (start.matcher(lines.get(i)).find()) {
                if (first >= 0) {
                    throw new IllegalArgumentException("snippet " + reference + ": region \"" + name
                            + "\" starts twice, at lines " + (first + 1) + " and " + (i + 1) + " of " + path);
                }
                first = i;
            }
        }
        if (first < 0) {
            throw new IllegalArgumentException("snippet " + reference + ": " + path + " has no // tag::" + name
                    + "[] line");
        }
        List<String> region = new ArrayList<>();
        for (int i = first + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (end.matcher(line).find()) {
                return new Region(dedent(normalize(region)), first + 2);
            }
            if (!ANY_TAG.matcher(line).find()) {
                region.add(line);
            }
        }
        throw new IllegalArgumentException("snippet " + reference + ": region \"" + name + "\" starting at line "
                + (first + 1) + " of " + path + " has no // end::" + name + "[] line");
    }

    /** Finds the fenced blocks, and the marker before each. */
    static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(2);
            int close = i + 1;
            while (close < lines.size() && !closes(lines.get(close), fence)) {
                close++;
            }
            int markerLine = -1;
            String reference = null;
            int previous = i - 1;
            while (previous >= 0 && lines.get(previous).isBlank()) {
                previous--;
            }
            if (previous >= 0) {
                Matcher marker = MARKER.matcher(lines.get(previous));
                if (marker.matches()) {
                    markerLine = previous;
                    reference = marker.group(1) + "#" + marker.group(2);
                }
            }
            blocks.add(new Block(open.group(3), open.group(1), i, close, markerLine, reference));
            i = close;
        }
        return blocks;
    }

    private static boolean closes(String line, String fence) {
        String stripped = line.strip();
        return stripped.length() >= fence.length() && stripped.chars().allMatch(c -> c == fence.charAt(0));
    }

    /** The block's lines, without the indentation of its fence (as Markdown reads them). */
    private static List<String> content(List<String> lines, Block block) {
        List<String> content = new ArrayList<>();
        for (String line : lines.subList(block.fenceLine() + 1, block.closeLine())) {
            int strip = 0;
            while (strip < block.indent().length() && strip < line.length() && line.charAt(strip) == ' ') {
                strip++;
            }
            content.add(line.substring(strip));
        }
        return content;
    }

    /** Trailing whitespace and leading or trailing blank lines do not count. */
    static List<String> normalize(List<String> lines) {
        List<String> normalized = lines.stream().map(String::stripTrailing).collect(Collectors.toList());
        while (!normalized.isEmpty() && normalized.get(0).isEmpty()) {
            normalized.remove(0);
        }
        while (!normalized.isEmpty() && normalized.get(normalized.size() - 1).isEmpty()) {
            normalized.remove(normalized.size() - 1);
        }
        return normalized;
    }

    /** Removes the indentation that every non-blank line shares. */
    static List<String> dedent(List<String> lines) {
        int common = lines.stream().filter(line -> !line.isEmpty())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(line -> line.isEmpty() ? line : line.substring(common)).collect(Collectors.toList());
    }

    private static String firstDifference(List<String> shown, List<String> region) {
        for (int i = 0; i < Math.max(shown.size(), region.size()); i++) {
            String doc = i < shown.size() ? shown.get(i) : null;
            String source = i < region.size() ? region.get(i) : null;
            if (doc == null || !doc.equals(source)) {
                return "first difference at line " + (i + 1) + " of the block: the docs have "
                        + (doc == null ? "no more lines" : "\"" + doc + "\"") + ", the source has "
                        + (source == null ? "no more lines" : "\"" + source + "\"");
            }
        }
        return "they differ";
    }

    private static Set<String> modulesOf(Path root) {
        Set<String> modules = new LinkedHashSet<>();
        Matcher module = MODULE.matcher(read(root.resolve("pom.xml")));
        while (module.find()) {
            modules.add(module.group(1).replaceAll("/+$", ""));
        }
        return modules;
    }

    private String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static List<String> lines(Path file) {
        return read(file).lines().collect(Collectors.toList());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
