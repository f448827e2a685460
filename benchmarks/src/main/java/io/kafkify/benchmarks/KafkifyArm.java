package io.kafkify.benchmarks;

import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Kafkify's {@link KafkaBaseConsumerAdapter} with one handler per code, as an application
 * registers them; Kafkify decodes, routes, dispatches and commits.
 */
final class KafkifyArm implements Arm {

    private final Ordering ordering;
    private final int maxConcurrency;
    private final Consumer<KafkaBaseConsumerAdapter> onStarted;

    /**
     * @param ordering the ordering
     * @param maxConcurrency handlers in flight at most; 0 keeps Kafkify's default
     */
    KafkifyArm(Ordering ordering, int maxConcurrency) {
        this(ordering, maxConcurrency, adapter -> { });
    }

    /**
     * @param onStarted told the adapter once it listens; the memory scenario samples its state
     */
    KafkifyArm(Ordering ordering, int maxConcurrency, Consumer<KafkaBaseConsumerAdapter> onStarted) {
        this.ordering = ordering;
        this.maxConcurrency = maxConcurrency;
        this.onStarted = onStarted;
    }

    @Override
    public String name() {
        return "kafkify-" + ordering.name().toLowerCase(Locale.ROOT) + (maxConcurrency > 0 ? "@" + maxConcurrency : "");
    }

    @Override
    public String description() {
        return "KafkaBaseConsumerAdapter, ordering " + ordering + ", maxConcurrency "
                + (maxConcurrency > 0 ? maxConcurrency : KafkaConsumerConfig.DEFAULT_MAX_CONCURRENCY + " (default)")
                + ", one handler per code";
    }

    /**
     * @param bootstrapServers the broker
     * @param groupId the group
     * @return the Kafka client properties of Kafkify's default configuration, which every arm uses
     */
    static Map<String, Object> defaultConsumerProperties(String bootstrapServers, String groupId) {
        return new KafkifyArm(Ordering.PARTITION, 0).config(bootstrapServers, groupId).toConsumerProperties();
    }

    /**
     * @param bootstrapServers the broker
     * @param groupId the group
     * @return the configuration this arm runs with
     */
    KafkaConsumerConfig config(String bootstrapServers, String groupId) {
        KafkaConsumerConfig.Builder builder = KafkaConsumerConfig.builder()
                .bootstrapServers(bootstrapServers)
                .groupId(groupId)
                .ordering(ordering);
        if (maxConcurrency > 0) {
            builder.maxConcurrency(maxConcurrency);
        }
        return builder.build();
    }

    @Override
    public void consume(RunSpec run) throws InterruptedException {
        String bootstrap = String.valueOf(run.consumerProperties().get("bootstrap.servers"));
        try (KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(config(bootstrap, run.groupId()))) {
            Runnable handler = run.handler();
            for (String code : Workload.CODES) {
                adapter.get(run.topic(), List.of(code), message -> handler.run());
            }
            listenUntilFinished(adapter, run, onStarted, () -> { });
        }
    }

    /**
     * Starts the adapter, listens on a thread of its own until the run is finished, then stops it.
     *
     * @param beforeStop runs once the run is finished, before the adapter stops
     * @throws RuntimeException what {@code listen()} threw
     */
    static void listenUntilFinished(KafkaBaseConsumerAdapter adapter, RunSpec run,
                                    Consumer<KafkaBaseConsumerAdapter> onStarted, Runnable beforeStop)
            throws InterruptedException {
        adapter.start();
        AtomicReference<@Nullable RuntimeException> failure = new AtomicReference<>();
        Thread listener = new Thread(() -> {
            try {
                adapter.listen();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "bench-kafkify-listener");
        listener.start();
        onStarted.accept(adapter);
        while (!run.finished() && listener.isAlive()) {
            run.progress().await(50);
        }
        beforeStop.run();
        adapter.stop();
        listener.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
