package io.kafkify.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * Scenario 4: the per-record cost of decode-code + route + offset bookkeeping without I/O. In
 * full mode JMH measures it in a forked JVM; in quick mode a short in-process loop checks that the
 * code runs and gives a rough figure.
 */
final class PerRecordCostScenario {

    static final String HASH_MAP = "bareHashMapLookup";
    static final String ROUTE_AND_TRACK = "routeAndTrack";
    static final String DECODE_ROUTE_AND_TRACK = "decodeRouteAndTrack";
    static final String STREAM_CODE_ROUTE_AND_TRACK = "streamCodeRouteAndTrack";
    static final String DECODE_ONLY = "decodeOnly";
    static final String ENGINE_ROUTE_AND_TRACK = "engineRouteAndTrack";
    static final String ENGINE_DECODE_ROUTE_AND_TRACK = "engineDecodeRouteAndTrack";
    static final String LAZY_CODE_ROUTE_AND_TRACK = "lazyCodeRouteAndTrack";
    static final String JACKSON_CODE_ROUTE_AND_TRACK = "jacksonCodeRouteAndTrack";
    static final String BIND_DATA_FROM_BYTES = "bindDataFromBytes";
    static final String DECODE_ENVELOPE_ONLY = "decodeEnvelopeOnly";
    static final String BIND_DATA_ONLY = "bindDataOnly";
    static final List<String> OPERATIONS = List.of(HASH_MAP, ROUTE_AND_TRACK, ENGINE_ROUTE_AND_TRACK,
            STREAM_CODE_ROUTE_AND_TRACK, LAZY_CODE_ROUTE_AND_TRACK, JACKSON_CODE_ROUTE_AND_TRACK, DECODE_ONLY,
            DECODE_ROUTE_AND_TRACK, ENGINE_DECODE_ROUTE_AND_TRACK, BIND_DATA_FROM_BYTES, BIND_DATA_ONLY,
            DECODE_ENVELOPE_ONLY);
    private static final Map<String, String> MEANING = Map.ofEntries(
            Map.entry(LAZY_CODE_ROUTE_AND_TRACK, "what Kafkify runs per record: JsonValueDecoder.decodeLazily (the "
                    + "whole document scanned, the code read), a lazy Message never built, route, track"),
            Map.entry(JACKSON_CODE_ROUTE_AND_TRACK, "lazyCodeRouteAndTrack with Jackson's streaming parser over the "
                    + "whole document instead of the scan (the lazy path before it)"),
            Map.entry(BIND_DATA_FROM_BYTES, "a typed handler's binding: the envelope's /data to a 4-field record "
                    + "from the bytes (JacksonPayloadBinder), after the lazy code read"),
            Map.entry(BIND_DATA_ONLY, "bindDataFromBytes without the code read routing did before: the binding "
                    + "alone"),
            Map.entry(DECODE_ENVELOPE_ONLY, "the same envelopes to a Map + Message.codeOf (reference of "
                    + "bindDataFromBytes)"),
            Map.entry(HASH_MAP, "HashMap.get of the known code (the floor)"),
            Map.entry(ROUTE_AND_TRACK, "RoutingTable.routeFor + the first wave's OffsetTracker track/finish, "
                    + "committable once per 500 (reference)"),
            Map.entry(ENGINE_ROUTE_AND_TRACK, "a poll's records through ProcessingEngine on the calling thread: "
                    + "accept, lane, route, handle, finish, one commit offer; codes known, no JSON decode"),
            Map.entry(ENGINE_DECODE_ROUTE_AND_TRACK, "engineRouteAndTrack with Kafkify's JSON decoding (lazy: the "
                    + "code streamed, the value not built)"),
            Map.entry(DECODE_ROUTE_AND_TRACK, "JsonValueDecoder to a Map + Message.codeOf, then routeAndTrack "
                    + "(reference of lazyCodeRouteAndTrack: the decode before the lazy path)"),
            Map.entry(STREAM_CODE_ROUTE_AND_TRACK, "Jackson streaming up to the code field only, then routeAndTrack"),
            Map.entry(DECODE_ONLY, "JsonValueDecoder to a Map + Message.codeOf alone"));

    private PerRecordCostScenario() {
    }

    /** @return per benchmark, nanoseconds per record over the iterations */
    static Map<String, Stats> run(Settings settings, Report report) {
        report.heading("Scenario 4: per-record cost without I/O");
        Map<String, Stats> results;
        if (settings.jmh()) {
            report.line("JMH " + Versions.jmh() + ", mode AverageTime, 1 fork (-Xms1g -Xmx1g), 3 warm-up and 5 "
                    + "measured iterations of 1 s; " + PerRecordWork.BATCH + " records per invocation, 1,024 "
                    + "distinct values of the scenario 1 workload. Median (min – max) over the iterations.");
            results = jmh();
        } else {
            report.line("Quick mode: an in-process timing loop, not JMH (about 0.5 s per operation): a smoke test "
                    + "and a rough figure only. Median (min – max) of 3 windows.");
            results = quickLoop();
        }
        report.line("");
        List<List<String>> rows = new ArrayList<>();
        results.forEach((name, stats) -> rows.add(List.of(name, nanos(stats), MEANING.getOrDefault(name, ""))));
        report.table(List.of("operation", "ns per record", "what it does"), rows);

        Stats without = results.get(ENGINE_ROUTE_AND_TRACK);
        Stats with = results.get(ENGINE_DECODE_ROUTE_AND_TRACK);
        Stats floor = results.get(HASH_MAP);
        if (without == null || without.isEmpty()) {
            report.verdict("S4 per-record cost: not measured");
            return results;
        }
        report.verdict(String.format(Locale.ROOT, "S4 per-record cost: %.1f ns/record for the engine's path without the "
                        + "JSON decode (accept, lane, route, handle, finish, commit offer; bare HashMap %.1f ns), %.1f ns "
                        + "with Kafkify's JSON decode%s. Goal < 150 ns without the JSON decode: %s", without.median(),
                floor.median(), with.median(),
                settings.jmh() ? "" : " (quick in-process timing, not JMH)", without.median() < 150 ? "MET" : "MISSED"));
        lazyGoals(results, report);
        return results;
    }

    /** The goals of the lazy payload path, each a ratio within this run. */
    private static void lazyGoals(Map<String, Stats> results, Report report) {
        double lazy = median(results, LAZY_CODE_ROUTE_AND_TRACK) / median(results, DECODE_ROUTE_AND_TRACK);
        double bind = median(results, BIND_DATA_FROM_BYTES) / median(results, DECODE_ENVELOPE_ONLY);
        double bindOnly = median(results, BIND_DATA_ONLY) / median(results, DECODE_ENVELOPE_ONLY);
        report.verdict(String.format(Locale.ROOT, "S4 lazy payloads: lazyCodeRouteAndTrack %s of decodeRouteAndTrack, "
                        + "goal <= 0.45x: %s; bindDataOnly %s and bindDataFromBytes (with the code read) %s of "
                        + "decodeEnvelopeOnly, goal <= 1.00x: %s", Report.ratio(lazy), lazy <= 0.45 ? "MET" : "MISSED",
                Report.ratio(bindOnly), Report.ratio(bind), bind <= 1.0 ? "MET" : "MISSED"));
    }

    private static double median(Map<String, Stats> results, String name) {
        Stats stats = results.get(name);
        return stats == null || stats.isEmpty() ? Double.NaN : stats.median();
    }

    private static Map<String, Stats> jmh() {
        Options options = new OptionsBuilder()
                .include(PerRecordCostBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.NANOSECONDS)
                .jvmArgs("-Xms1g", "-Xmx1g")
                .verbosity(VerboseMode.SILENT)
                .build();
        Map<String, Stats> results = new LinkedHashMap<>();
        try {
            for (RunResult result : new Runner(options).run()) {
                String label = result.getParams().getBenchmark();
                String name = label.substring(label.lastIndexOf('.') + 1);
                Statistics statistics = result.getPrimaryResult().getStatistics();
                results.put(name, new Stats(statistics.getPercentile(50), statistics.getMin(), statistics.getMax(),
                        (int) statistics.getN()));
            }
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e, e);
        }
        Map<String, Stats> ordered = new LinkedHashMap<>();
        for (String name : OPERATIONS) {
            if (results.containsKey(name)) {
                ordered.put(name, results.get(name));
            }
        }
        return ordered;
    }

    private static Map<String, Stats> quickLoop() {
        PerRecordWork work = new PerRecordWork();
        EnginePath engine = new EnginePath(false);
        EnginePath engineDecoding = new EnginePath(true);
        Map<String, LongSupplier> operations = new LinkedHashMap<>();
        operations.put(HASH_MAP, work::bareHashMapLookup);
        operations.put(ROUTE_AND_TRACK, work::routeAndTrack);
        operations.put(ENGINE_ROUTE_AND_TRACK, engine::engineBatch);
        operations.put(STREAM_CODE_ROUTE_AND_TRACK, work::streamCodeRouteAndTrack);
        operations.put(DECODE_ONLY, work::decodeOnly);
        operations.put(DECODE_ROUTE_AND_TRACK, work::decodeRouteAndTrack);
        operations.put(ENGINE_DECODE_ROUTE_AND_TRACK, engineDecoding::engineBatch);
        operations.put(LAZY_CODE_ROUTE_AND_TRACK, work::lazyCodeRouteAndTrack);
        operations.put(JACKSON_CODE_ROUTE_AND_TRACK, work::jacksonCodeRouteAndTrack);
        operations.put(BIND_DATA_FROM_BYTES, work::bindDataFromBytes);
        operations.put(BIND_DATA_ONLY, work::bindDataOnly);
        operations.put(DECODE_ENVELOPE_ONLY, work::decodeEnvelopeOnly);
        Map<String, Stats> results = new LinkedHashMap<>();
        long sink = 0;
        for (Map.Entry<String, LongSupplier> operation : operations.entrySet()) {
            sink += time(operation.getValue(), 200_000_000L);
            List<Double> windows = new ArrayList<>();
            for (int window = 0; window < 3; window++) {
                long start = System.nanoTime();
                long calls = 0;
                while (System.nanoTime() - start < 100_000_000L) {
                    sink += operation.getValue().getAsLong();
                    calls++;
                }
                windows.add((System.nanoTime() - start) / (double) (calls * PerRecordWork.BATCH));
            }
            results.put(operation.getKey(), Stats.of(windows));
        }
        if (sink == 42) {
            System.out.println("(sink)");
        }
        return results;
    }

    private static long time(LongSupplier operation, long nanos) {
        long sink = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < nanos) {
            sink += operation.getAsLong();
        }
        return sink;
    }

    private static String nanos(Stats stats) {
        return stats.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.1f (%.1f – %.1f)", stats.median(), stats.min(),
                stats.max());
    }
}
