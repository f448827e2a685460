package io.kafkify.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pom fragments of the docs are XML, not compiled code. The getting-started page's is the
 * tagged region of the invoker project that the build runs ({@code src/it/getting-started}), with
 * the values the invoker fills in (Kafkify's version, plugin versions) resolved from the parent
 * pom; the testing page's Failsafe version is the build's. So a reader who copies them gets what
 * the build proved.
 */
class PomFragmentsInDocsTest {

    private static final Pattern FAILSAFE_IN_DOCS = Pattern.compile(
            "<artifactId>maven-failsafe-plugin</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern MARKER = Pattern.compile(
            "<!-- pom: (\\S+)#(\\S+) -->\\s*```xml\\n(.*?)```", Pattern.DOTALL);

    private final Path root = Snippets.repositoryRoot(
            Path.of(System.getProperty("basedir", System.getProperty("user.dir"))));

    @Test
    void the_getting_started_pom_is_the_region_of_the_project_the_build_runs() throws IOException {
        String page = Files.readString(root.resolve("docs/getting-started.md"));
        Matcher marker = MARKER.matcher(page);
        assertThat(marker.find()).as("a <!-- pom: path#region --> marker before an xml block").isTrue();

        String region = region(Files.readString(root.resolve(marker.group(1))), marker.group(2));

        assertThat(marker.group(3)).isEqualTo(resolve(region));
    }

    @Test
    void the_testing_page_names_the_failsafe_version_the_build_uses() throws IOException {
        String docs = Files.readString(root.resolve("docs/testing.md"));
        Matcher matcher = FAILSAFE_IN_DOCS.matcher(docs);

        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group(1)).isEqualTo(parentProperties().get("maven-failsafe-plugin.version"));
    }

    @Test
    void a_fragment_that_drifted_from_its_region_is_caught() {
        String region = "  <version>@project.version@</version>\n";

        assertThat("<version>0.0.1</version>\n").isNotEqualTo(resolve(region));
    }

    private static String region(String pom, String name) {
        int start = pom.indexOf("<!-- tag::" + name + "[] -->");
        int end = pom.indexOf("<!-- end::" + name + "[] -->");
        assertThat(start).as("region %s", name).isNotNegative();
        assertThat(end).as("end of region %s", name).isGreaterThan(start);
        String body = pom.substring(pom.indexOf('\n', start) + 1, pom.lastIndexOf('\n', end) + 1);
        return body;
    }

    /** Fills in the invoker's {@code @name@} values and takes off the region's common indentation. */
    private String resolve(String region) {
        Map<String, String> properties = parentProperties();
        Matcher value = Pattern.compile("@([\\w.\\-]+)@").matcher(region);
        StringBuilder resolved = new StringBuilder();
        while (value.find()) {
            String name = value.group(1);
            assertThat(properties).as("property %s of the parent pom", name).containsKey(name);
            value.appendReplacement(resolved, Matcher.quoteReplacement(properties.get(name)));
        }
        value.appendTail(resolved);
        return resolved.toString().lines().map(line -> line.startsWith("  ") ? line.substring(2) : line)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private Map<String, String> parentProperties() {
        String pom;
        try {
            pom = Files.readString(root.resolve("pom.xml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>();
        String block = pom.substring(pom.indexOf("<properties>"), pom.indexOf("</properties>"));
        Matcher property = Pattern.compile("<([\\w.\\-]+)>([^<]*)</\\1>").matcher(block);
        while (property.find()) {
            properties.put(property.group(1), property.group(2));
        }
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).isTrue();
        properties.put("project.version", version.group(1));
        return properties;
    }
}
