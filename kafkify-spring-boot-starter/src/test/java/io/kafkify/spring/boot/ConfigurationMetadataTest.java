package io.kafkify.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.infrastructure.SettingDescription;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * The starter's spring-configuration-metadata.json, which IDEs complete {@code kafkify.*} from, lists
 * every setting of KafkaConsumerConfig (and of docs/configuration.md's tables) with its type and default.
 */
class ConfigurationMetadataTest {

    private static final Pattern DOCUMENTED = Pattern.compile("^\\|[^|]*\\|.*?`(kafkify\\.[a-z-]+)`", Pattern.MULTILINE);

    @Test
    void the_metadata_lists_every_setting_with_its_type_and_default() throws IOException {
        Map<String, JsonNode> properties = metadata();
        Set<String> expected = new TreeSet<>();
        for (SettingDescription setting : KafkaConsumerConfig.settings()) {
            expected.add(setting.kafkifyName());
            JsonNode property = properties.get(setting.kafkifyName());
            assertThat(property).as(setting.kafkifyName()).isNotNull();
            assertThat(property.path("type").asText()).as(setting.kafkifyName()).isEqualTo(setting.type().getName());
            assertThat(property.path("description").asText()).as(setting.kafkifyName()).isNotBlank();
            assertThat(defaultOf(property, setting.type())).as("default of " + setting.kafkifyName())
                    .isEqualTo(setting.defaultValue());
        }
        expected.add(KafkifyConfigBinder.PASS_THROUGH);
        assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void the_metadata_lists_every_setting_of_the_documentation() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "configuration.md"));
        Set<String> documented = new TreeSet<>();
        Matcher matcher = DOCUMENTED.matcher(page);
        while (matcher.find()) {
            documented.add(matcher.group(1));
        }
        assertThat(documented).hasSize(KafkaConsumerConfig.settings().size());
        assertThat(metadata().keySet()).containsAll(documented);
    }

    private static Object defaultOf(JsonNode property, Class<?> type) {
        JsonNode value = property.get("defaultValue");
        if (value == null) {
            return null;
        }
        if (type == Duration.class) {
            return DurationStyle.detectAndParse(value.asText());
        }
        if (type.isEnum()) {
            return enumValue(type, value.asText().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        if (type == Integer.class) {
            return value.asInt();
        }
        if (type == Long.class) {
            return value.asLong();
        }
        if (type == Boolean.class) {
            return value.asBoolean();
        }
        return value.asText();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    /** The starter's file: other jars have metadata of their own under the same name. */
    private static Map<String, JsonNode> metadata() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (URL url : Collections.list(ConfigurationMetadataTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode root = mapper.readTree(in);
                if ("kafkify".equals(root.path("groups").path(0).path("name").asText())) {
                    Map<String, JsonNode> byName = new HashMap<>();
                    root.path("properties").forEach(property -> byName.put(property.path("name").asText(), property));
                    return byName;
                }
            }
        }
        throw new AssertionError("no spring-configuration-metadata.json with the group kafkify on the classpath");
    }
}
