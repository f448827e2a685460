package io.kafkify.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pom fragments of the docs are XML, not compiled code: their plugin versions are checked
 * against the ones Kafkify's own build uses, so that a reader who copies them gets a plugin
 * the project runs.
 */
class PluginVersionsInDocsTest {

    private static final Pattern FAILSAFE_IN_DOCS = Pattern.compile(
            "<artifactId>maven-failsafe-plugin</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern FAILSAFE_IN_POM = Pattern.compile(
            "<maven-failsafe-plugin.version>([^<]+)</maven-failsafe-plugin.version>");

    @Test
    void the_testing_page_names_the_failsafe_version_the_build_uses() throws IOException {
        Path root = Snippets.repositoryRoot(Path.of(System.getProperty("basedir", System.getProperty("user.dir"))));

        String docs = Files.readString(root.resolve("docs/testing.md"));
        String pom = Files.readString(root.resolve("pom.xml"));

        assertThat(versionIn(docs, FAILSAFE_IN_DOCS)).isEqualTo(versionIn(pom, FAILSAFE_IN_POM));
    }

    private static String versionIn(String text, Pattern pattern) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in the text", pattern).isTrue();
        return matcher.group(1).trim();
    }
}
