package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.infrastructure.internal.config.Setting;
import io.kafkify.consumers.infrastructure.internal.config.Setting.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tables of docs/configuration.md are the declarations of {@link Settings}, row for row, so
 * that the documentation cannot drift from the code: a new setting, a renamed variable or a
 * changed default fails here until the table says the same.
 */
class ConfigurationDocumentationTest {

    private static final Path DOC = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("../docs/configuration.md").normalize();

    @Test
    void each_table_of_the_configuration_guide_lists_exactly_the_declared_settings() throws IOException {
        List<List<String>> tables = settingTables(Files.readAllLines(DOC));

        assertThat(tables).as("tables of " + DOC).hasSize(Group.values().length);
        for (Group group : Group.values()) {
            List<String> declared = new ArrayList<>();
            for (Setting<?> setting : Settings.ALL) {
                if (setting.group() == group) {
                    declared.add(setting.documentationRow());
                }
            }
            List<String> documented = new ArrayList<>(tables.get(group.ordinal()));
            // Not a loose setting: exception types are given to the builder only.
            documented.removeIf(row -> row.startsWith("| `nonRetryable` | builder only |"));
            assertThat(documented).as("the %s table", group).containsExactlyElementsOf(declared);
        }
    }

    @Test
    void every_name_a_setting_is_loaded_by_is_derived_from_its_declaration() {
        for (Setting<?> setting : Settings.ALL) {
            assertThat(Settings.byAnyName(setting.javaName())).isSameAs(setting);
            assertThat(Settings.byEnvName(setting.envName())).isSameAs(setting);
            assertThat(Settings.byPropertyName(setting.kafkifyName())).isSameAs(setting);
            if (setting.kafkaName() != null) {
                assertThat(Settings.byPropertyName(setting.kafkaName())).isSameAs(setting);
            }
        }
        assertThat(Settings.MAX_POLL_RECORDS.envName()).isEqualTo("KAFKIFY_MAX_POLL_RECORDS");
        assertThat(Settings.MAX_POLL_RECORDS.kafkifyName()).isEqualTo("kafkify.max-poll-records");
    }

    /** @return the body rows of every table whose first column is a setting, in document order */
    private static List<List<String>> settingTables(List<String> lines) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.startsWith("| setting |")) {
                current = new ArrayList<>();
                tables.add(current);
            } else if (current != null && line.startsWith("| `")) {
                current.add(line);
            } else if (current != null && !line.startsWith("|")) {
                current = null;
            }
        }
        return tables;
    }
}
