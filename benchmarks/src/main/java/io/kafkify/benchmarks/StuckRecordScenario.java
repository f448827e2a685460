package io.kafkify.benchmarks;

import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 3b: the backlog of scenario 3, with one record that hangs. The record at offset 0 of
 * partition 0 never returns until the run ends; every other record sleeps as in scenario 3. The
 * records fetched and not committable (queued, running, or finished behind the hung one) must
 * stay within the bound and the live heap flat, while the other partitions keep flowing: the
 * hung partition pauses alone once it holds its share. Run under KEY order (where records of
 * other keys finish behind the hung one) and PARTITION order (where the whole partition waits).
 */
final class StuckRecordScenario {

    static final String TOPIC = "s3-stuck";
    private static final int PARTITIONS = 4;

    private StuckRecordScenario() {
    }

    /** What one run measured, for the quick-mode test. */
    record Outcome(Ordering ordering, int bound, int maxBuffered, long handledElsewhere, List<Long> elsewhereAtGc,
                   List<Long> liveHeap) {
    }

    static List<Outcome> run(Lab lab, Settings settings, Report report) {
        report.heading("Scenario 3b: memory and flow behind one hung record");
        long backlog = settings.backlogRecords();
        long loadNanos = lab.load(TOPIC, PARTITIONS, backlog, settings.keys());
        Duration duration = settings.backlogDuration();
        long gcEveryMillis = Math.max(500, duration.toMillis() / 10);
        int bound = KafkaConsumerConfig.DEFAULT_MAX_BUFFERED_RECORDS;
        report.line(String.format(Locale.ROOT, "Topic %s: a backlog of %,d records, %d partitions, %,d keys (loaded in "
                        + "%s). The record at offset 0 of partition 0 hangs until the run ends; every other record "
                        + "sleeps %d ms. Kafkify's default bounds (maxBufferedRecords %,d, max.poll.records %d, "
                        + "maxConcurrency %d), once under KEY order and once under PARTITION order, %d s each. Sampled "
                        + "as in scenario 3; at each forced GC also the records handled in partitions 1 to 3.",
                TOPIC, backlog, PARTITIONS, settings.keys(), Report.millis(loadNanos),
                settings.backlogHandlerLatency().toMillis(), bound, KafkaConsumerConfig.DEFAULT_MAX_POLL_RECORDS,
                KafkaConsumerConfig.DEFAULT_MAX_CONCURRENCY, duration.toSeconds()));
        report.line("");
        List<Outcome> outcomes = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Ordering ordering : List.of(Ordering.KEY, Ordering.PARTITION)) {
            Outcome outcome = runOnce(lab, settings, ordering, bound, gcEveryMillis, report);
            outcomes.add(outcome);
            List<String> liveMiB = new ArrayList<>();
            for (long bytes : outcome.liveHeap()) {
                liveMiB.add(String.format(Locale.ROOT, "%.1f", bytes / 1048576.0));
            }
            rows.add(List.of(ordering.name(), String.format(Locale.ROOT, "%,d (bound %,d)", outcome.maxBuffered(), bound),
                    String.format(Locale.ROOT, "%,d", outcome.handledElsewhere()), outcome.elsewhereAtGc().toString(),
                    String.join(", ", liveMiB)));
        }
        report.table(List.of("ordering", "buffered records, max sampled", "handled in partitions 1-3",
                "handled in partitions 1-3 at each forced GC", "live heap at each forced GC, MiB"), rows);

        boolean met = true;
        StringBuilder summary = new StringBuilder();
        for (Outcome outcome : outcomes) {
            boolean bounded = outcome.maxBuffered() <= bound;
            boolean flat = MemoryScenario.isFlat(outcome.liveHeap());
            boolean flowing = keepsGrowing(outcome.elsewhereAtGc());
            met &= bounded && flat && flowing;
            summary.append(String.format(Locale.ROOT, "%s%s: at most %,d buffered, heap %s, partitions 1-3 %s",
                    summary.length() == 0 ? "" : "; ", outcome.ordering(), outcome.maxBuffered(),
                    flat ? "flat" : "growing", flowing ? "kept flowing (" + outcome.handledElsewhere() + " handled)"
                            : "stalled"));
        }
        report.verdict("S3b one hung record: " + summary + ". Goal: buffered never above the bound, heap flat, the "
                + "other partitions flowing: " + (met ? "MET" : "MISSED"));
        return outcomes;
    }

    private static Outcome runOnce(Lab lab, Settings settings, Ordering ordering, int bound, long gcEveryMillis,
                                   Report report) {
        AtomicLong elsewhere = new AtomicLong();
        CountDownLatch release = new CountDownLatch(1);
        long handlerMs = settings.backlogHandlerLatency().toMillis();
        RunResult result;
        MemorySampler sampler = new MemorySampler(gcEveryMillis, elsewhere::get);
        try (sampler) {
            result = lab.run(new HungRecordArm(ordering, sampler, release, elsewhere, handlerMs), TOPIC,
                    settings.backlogRecords(), progress -> () -> { }, settings.backlogDuration());
        }
        if (result.error() != null && !result.error().startsWith("handled ")) {
            report.problem("S3b " + result.arm() + ": " + result.error());
        }
        report.line(String.format(Locale.ROOT, "    S3b run %s handled %,d records in %d s, committed %,d",
                result.arm(), result.handled(), settings.backlogDuration().toSeconds(), result.committed()));
        return new Outcome(ordering, bound, sampler.maxBuffered(), elsewhere.get(), sampler.progressAtGc(),
                sampler.liveHeap());
    }

    /** @return whether the counts grow from each forced GC to the next */
    static boolean keepsGrowing(List<Long> counts) {
        if (counts.size() < 2) {
            return false;
        }
        for (int i = 1; i < counts.size(); i++) {
            if (counts.get(i) <= counts.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** Kafkify with one handler per code; the record at offset 0 of partition 0 hangs until released. */
    private static final class HungRecordArm implements Arm {
        private final Ordering ordering;
        private final MemorySampler sampler;
        private final CountDownLatch release;
        private final AtomicLong elsewhere;
        private final long handlerMs;

        HungRecordArm(Ordering ordering, MemorySampler sampler, CountDownLatch release, AtomicLong elsewhere,
                      long handlerMs) {
            this.ordering = ordering;
            this.sampler = sampler;
            this.release = release;
            this.elsewhere = elsewhere;
            this.handlerMs = handlerMs;
        }

        @Override
        public String name() {
            return "kafkify-" + ordering.name().toLowerCase(Locale.ROOT) + "-hung";
        }

        @Override
        public String description() {
            return "KafkaBaseConsumerAdapter, ordering " + ordering + ", one record hung";
        }

        @Override
        public void consume(RunSpec run) throws InterruptedException {
            String bootstrap = String.valueOf(run.consumerProperties().get("bootstrap.servers"));
            KafkaConsumerConfig config = KafkaConsumerConfig.builder().bootstrapServers(bootstrap)
                    .groupId(run.groupId()).ordering(ordering).shutdownTimeout(Duration.ofSeconds(5)).build();
            try (KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(config)) {
                for (String code : Workload.CODES) {
                    adapter.get(run.topic(), List.of(code), message -> {
                        if (message.partition() == 0 && message.offset() == 0) {
                            release.await(10, TimeUnit.MINUTES);
                            return;
                        }
                        Thread.sleep(handlerMs);
                        if (message.partition() != 0) {
                            elsewhere.incrementAndGet();
                        }
                        run.progress().record();
                    });
                }
                KafkifyArm.listenUntilFinished(adapter, run, sampler::watch, release::countDown);
            }
        }
    }
}
