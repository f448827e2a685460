package io.kafkify.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet check itself, on a small repository of fixtures: each rule fails when it should. */
class SnippetsTest {

    private static final String SOURCE = "lib/src/main/java/demo/Demo.java";
    private static final String MARKER = "<!-- snippet: " + SOURCE + "#greet -->";

    @TempDir
    Path root;

    @BeforeEach
    void writes_a_repository_with_one_module() throws IOException {
        write("pom.xml", "<project><modules>\n  <module>lib</module>\n</modules></project>\n");
        write("README.md", "# Demo\n");
        write("lib/pom.xml", "<project/>\n");
        write(SOURCE, String.join("\n",
                "package demo;",
                "",
                "class Demo {",
                "    void greet() {",
                "        // tag::greet[]",
                "        String name = \"Ada\";",
                "        // tag::print[]",
                "        System.out.println(\"Hello \" + name);",
                "        // end::print[]",
                "        // end::greet[]",
                "    }",
                "}",
                ""));
    }

    @Test
    void accepts_a_block_equal_to_its_region_without_the_regions_indentation_and_nested_tags() throws IOException {
        Path readme = write("README.md", "# Demo\n\n" + MARKER + "\n```java\nString name = \"Ada\";\n"
                + "System.out.println(\"Hello \" + name);   \n```\n");

        assertThat(snippets().check(readme)).isEmpty();
    }

    @Test
    void accepts_blank_lines_between_marker_and_block_and_ignores_other_languages() throws IOException {
        Path doc = write("docs/guide.md", MARKER + "\n\n```java\nString name = \"Ada\";\n"
                + "System.out.println(\"Hello \" + name);\n```\n\n```sh\nmvn verify\n```\n");

        assertThat(snippets().check(doc)).isEmpty();
    }

    @Test
    void accepts_a_block_indented_in_a_list_item() throws IOException {
        Path doc = write("docs/steps.md", "1. Greet:\n\n   " + MARKER + "\n   ```java\n   String name = \"Ada\";\n"
                + "   System.out.println(\"Hello \" + name);\n   ```\n");

        assertThat(snippets().check(doc)).isEmpty();
    }

    @Test
    void rejects_a_java_block_without_marker_naming_file_and_line() throws IOException {
        Path doc = write("docs/guide.md", "# Guide\n\n```java\nSystem.out.println(\"drifting\");\n```\n");

        assertThat(snippets().check(doc)).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("docs/guide.md");
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.message()).contains("no snippet marker");
        });
    }

    @Test
    void rejects_a_block_that_differs_from_its_region_naming_the_region_and_the_first_difference() throws IOException {
        Path readme = write("README.md", "# Demo\n\n" + MARKER + "\n```java\nString name = \"Grace\";\n"
                + "System.out.println(\"Hello \" + name);\n```\n");

        assertThat(snippets().check(readme)).singleElement().satisfies(problem -> {
            assertThat(problem.toString()).startsWith("README.md:4: ");
            assertThat(problem.message())
                    .contains(SOURCE + "#greet (region at line 6)")
                    .contains("first difference at line 1 of the block")
                    .contains("the docs have \"String name = \"Grace\";\"")
                    .contains(Snippets.UPDATE_COMMAND);
        });
    }

    @Test
    void rejects_a_block_with_a_line_more_than_its_region() throws IOException {
        Path readme = write("README.md", MARKER + "\n```java\nString name = \"Ada\";\n"
                + "System.out.println(\"Hello \" + name);\nSystem.exit(0);\n```\n");

        assertThat(snippets().check(readme)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("the source has no more lines"));
    }

    @Test
    void rejects_a_marker_naming_a_region_the_source_does_not_have() throws IOException {
        Path readme = write("README.md", "<!-- snippet: " + SOURCE + "#farewell -->\n```java\n```\n");

        assertThat(snippets().check(readme)).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).contains("has no // tag::farewell[] line");
        });
    }

    @Test
    void rejects_a_marker_naming_a_missing_file() throws IOException {
        Path readme = write("README.md", "<!-- snippet: lib/src/main/java/demo/Gone.java#greet -->\n```java\n```\n");

        assertThat(snippets().check(readme)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("no such file"));
    }

    @Test
    void rejects_a_source_that_the_build_does_not_compile() throws IOException {
        write("scratch/src/main/java/demo/Demo.java", "// tag::greet[]\nint x;\n// end::greet[]\n");
        Path readme = write("README.md", "<!-- snippet: scratch/src/main/java/demo/Demo.java#greet -->\n"
                + "```java\nint x;\n```\n");

        assertThat(snippets().check(readme)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("of a module of the root pom.xml [lib]"));
    }

    @Test
    void accepts_a_source_of_an_invoker_project_of_a_module_and_rejects_one_elsewhere() throws IOException {
        write("lib/src/it/first-hour/src/main/java/demo/App.java", "// tag::app[]\nint x;\n// end::app[]\n");
        write("scratch/src/it/first-hour/src/main/java/demo/App.java", "// tag::app[]\nint x;\n// end::app[]\n");
        Path accepted = write("docs/a.md", "<!-- snippet: lib/src/it/first-hour/src/main/java/demo/App.java#app -->\n"
                + "```java\nint x;\n```\n");
        Path rejected = write("docs/b.md", "<!-- snippet: scratch/src/it/first-hour/src/main/java/demo/App.java#app -->\n"
                + "```java\nint x;\n```\n");

        assertThat(snippets().check(accepted)).isEmpty();
        assertThat(snippets().check(rejected)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("of a module of the root pom.xml [lib]"));
    }

    @Test
    void rejects_a_region_without_end() throws IOException {
        write(SOURCE, "// tag::open[]\nint x;\n");

        assertThatThrownBy(() -> snippets().region(SOURCE + "#open"))
                .hasMessageContaining("has no // end::open[] line");
    }

    @Test
    void update_rewrites_a_drifted_block_from_its_region_and_keeps_the_rest() throws IOException {
        Path readme = write("README.md", "# Demo\n\n" + MARKER + "\n```java\nold code\n```\n\nMore text.\n");

        assertThat(snippets().update(readme)).isTrue();

        assertThat(Files.readString(readme)).isEqualTo("# Demo\n\n" + MARKER + "\n```java\nString name = \"Ada\";\n"
                + "System.out.println(\"Hello \" + name);\n```\n\nMore text.\n");
        assertThat(snippets().check(readme)).isEmpty();
        assertThat(snippets().update(readme)).as("a second update changes nothing").isFalse();
    }

    @Test
    void finds_the_repository_root_from_a_module_directory() {
        assertThat(Snippets.repositoryRoot(root.resolve("lib"))).isEqualTo(root.toAbsolutePath().normalize());
    }

    @Test
    void lists_the_readme_and_every_markdown_file_under_docs() throws IOException {
        write("docs/examples/consumer.md", "# Example\n");
        write("docs/index.md", "# Docs\n");
        write("lib/NOTES.md", "not documentation\n");

        assertThat(snippets().markdownFiles()).extracting(path -> root.relativize(path).toString())
                .containsExactly("README.md", "docs/examples/consumer.md", "docs/index.md");
    }

    private Snippets snippets() {
        return Snippets.in(root);
    }

    private Path write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
