package io.kafkify.docs;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md and docs/ is a tagged region of a compiled source (see
 * {@link Snippets}). When the API changes, the build fails here until the docs follow.
 *
 * <p>{@code -Ddocs.update=true} first rewrites every marked block from its region, then checks:
 * {@value Snippets#UPDATE_COMMAND}.
 */
class DocumentationSnippetsTest {

    @Test
    void every_java_block_of_the_docs_is_a_tagged_region_of_a_compiled_source() {
        Snippets snippets = Snippets.in(Snippets.repositoryRoot(moduleDirectory()));
        List<Path> markdown = snippets.markdownFiles();
        if (Boolean.getBoolean(Snippets.UPDATE_PROPERTY)) {
            markdown.forEach(snippets::update);
        }

        List<Snippets.Problem> problems = new ArrayList<>();
        markdown.forEach(file -> problems.addAll(snippets.check(file)));

        if (!problems.isEmpty()) {
            fail(problems.size() + " Java snippet(s) of the docs are not their sources' tagged regions:\n"
                    + problems.stream().map(Snippets.Problem::toString).collect(Collectors.joining("\n")));
        }
    }

    /** Surefire sets {@code basedir}; an IDE runs tests in the module's directory. */
    private static Path moduleDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }
}
