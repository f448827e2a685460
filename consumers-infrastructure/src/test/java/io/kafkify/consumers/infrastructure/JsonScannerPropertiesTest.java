package io.kafkify.consumers.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jspecify.annotations.Nullable;

/**
 * The proof that {@link JsonScanner} may stand in for Jackson: on generated documents, valid and
 * mutated ({@link JsonDocuments}), the document read with the scan has the same kind and code as
 * the one read with Jackson's parser alone; and the scan itself decides many of them, well-formed
 * and not (rather than leaving them to Jackson as unsure), so that the comparison is not vacuous.
 */
class JsonScannerPropertiesTest {

    private static final ObjectMapper MAPPER = JsonDefaults.objectMapper().copy()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What a read decided: the document's kind and code. */
    record Verdict(JsonDocument.Kind kind, @Nullable String code) {
    }

    @Property(tries = 4000)
    @StatisticsReport(onFailureOnly = true)
    void reads_every_document_as_Jacksons_parser_does(@ForAll("samples") JsonDocuments.Sample sample) {
        Verdict jackson = jackson(sample.data());
        Statistics.label("mutation").collect(sample.mutation());
        Statistics.label("Jackson").collect(jackson.kind());
        Statistics.label("scan").collect(scanOutcome(sample.data()));

        assertThat(scanner(sample.data())).as(sample.toString()).isEqualTo(jackson);

        Statistics.label("Jackson").coverage(coverage -> {
            coverage.check(JsonDocument.Kind.JSON).percentage(p -> p > 30);
            coverage.check(JsonDocument.Kind.TEXT).percentage(p -> p > 15);
            coverage.check(JsonDocument.Kind.BYTES).percentage(p -> p > 2);
        });
        Statistics.label("scan").coverage(coverage -> {
            coverage.check("decided JSON").percentage(p -> p > 25);
            coverage.check("decided not JSON").percentage(p -> p > 10);
            coverage.check("decided BYTES").percentage(p -> p > 1);
        });
    }

    @Provide
    Arbitrary<JsonDocuments.Sample> samples() {
        return JsonDocuments.samples();
    }

    /**
     * The comparison has teeth: a scanner with one rule broken, taking control characters for
     * white space (so that a raw tab inside a string, or a zero byte between tokens, passes, as
     * Jackson's default parser does not let them), disagrees with Jackson on a document of the
     * generator's {@code INSERT_SYNTAX} mutations among 300, while the real scanner
     * agrees on the same documents.
     */
    @Example
    void catches_a_scanner_that_takes_control_characters_for_white_space() {
        List<JsonDocuments.Sample> samples = JsonDocuments.samples(JsonDocuments.Mutation.INSERT_SYNTAX).sampleStream()
                .limit(300).toList();
        Function<byte[], Verdict> broken = data -> scanner(controlCharactersAsSpaces(data));

        assertThat(firstDisagreement(broken, samples))
                .as("a document on which the broken scanner and Jackson disagree").isPresent();
        assertThat(firstDisagreement(JsonScannerPropertiesTest::scanner, samples))
                .as("a document on which the real scanner and Jackson disagree").isEmpty();
    }

    /** @return what the scan decided, or that it was unsure, or not asked (the value does not start as JSON does) */
    private static String scanOutcome(byte[] data) {
        if (data.length == 0 || !JsonDocument.mayBeJson(data)) {
            return "not asked";
        }
        long scanned = JsonScanner.scan(data);
        if (scanned == JsonScanner.UNSURE) {
            return "unsure";
        }
        return scanned == JsonScanner.NOT_UTF8 ? "decided BYTES" : scanned == JsonScanner.NOT_JSON ? "decided not JSON"
                : "decided JSON";
    }

    private static Optional<JsonDocuments.Sample> firstDisagreement(Function<byte[], Verdict> scanner,
            List<JsonDocuments.Sample> samples) {
        return samples.stream().filter(sample -> !Objects.equals(scanner.apply(sample.data()), jackson(sample.data())))
                .findFirst();
    }

    private static byte[] controlCharactersAsSpaces(byte[] data) {
        byte[] changed = data.clone();
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] >= 0 && changed[i] < 0x20) {
                changed[i] = ' ';
            }
        }
        return changed;
    }

    private static Verdict scanner(byte[] data) {
        return verdict(JsonDocument.read(MAPPER, true, data));
    }

    private static Verdict jackson(byte[] data) {
        return verdict(JsonDocument.read(MAPPER, false, data));
    }

    private static Verdict verdict(JsonDocument document) {
        return new Verdict(document.kind(), document.code());
    }
}
