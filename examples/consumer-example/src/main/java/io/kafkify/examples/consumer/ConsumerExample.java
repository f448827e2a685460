package io.kafkify.examples.consumer;

import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.StoppedPartition;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.testkit.broker.EmbeddedKafkaBroker;
import io.kafkify.examples.consumer.SampleStream.Expected;
import io.kafkify.examples.consumer.Summary.PartitionOffsets;
import io.kafkify.examples.consumer.events.HandledEvents;
import io.kafkify.examples.consumer.events.MainEventRouter;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The example application: a Kafkify consumer with handlers split by domain, its lifecycle, and a
 * health endpoint.
 *
 * <ol>
 *   <li>Load the configuration ({@link ExampleConfig}). With no bootstrap servers given, start
 *       an embedded Kafka broker and create the sample topics.</li>
 *   <li>Create the {@link KafkaBaseConsumerAdapter}, register the main router on it,
 *       {@code start()} it, and run {@code listen()} on a background thread.</li>
 *   <li>Serve {@code GET /health-check} ({@link HealthEndpoint}).</li>
 *   <li>On the embedded broker, produce the {@link SampleStream} and wait until every sample
 *       record is handled, unrouted, or taken by the failure policy (dead-lettered by default);
 *       then stop. With {@code --serve}, or with a broker of your own, run until Ctrl-C.</li>
 *   <li>Stop gracefully (Ctrl-C included, through a JVM shutdown hook) and print a
 *       {@link Summary}.</li>
 * </ol>
 *
 * <p>Threading: {@link #start} and {@link #awaitSampleStream} on the main thread; {@link #stop()}
 * from any thread, any number of times.
 */
public final class ConsumerExample implements AutoCloseable {

    private static final Duration LISTENER_EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final @Nullable EmbeddedKafkaBroker broker;
    private final KafkaConsumerConfig config;
    private final HandledEvents handled;
    private final KafkaBaseConsumerAdapter consumer;
    private final Thread listener;
    private final HealthEndpoint health;
    private final BrokerOffsets offsets;
    private volatile @Nullable Throwable listenerFailure;
    private volatile boolean stopping;
    private @Nullable Summary summary; // guarded by this

    private ConsumerExample(PrintStream out, @Nullable EmbeddedKafkaBroker broker, KafkaConsumerConfig config,
                            BrokerOffsets offsets, HandledEvents handled, KafkaBaseConsumerAdapter consumer,
                            Thread listener, HealthEndpoint health) {
        this.out = out;
        this.broker = broker;
        this.config = config;
        this.offsets = offsets;
        this.handled = handled;
        this.consumer = consumer;
        this.listener = listener;
        this.health = health;
    }

    /**
     * Runs the example: {@code --help} lists the flags.
     *
     * @param args the flags of {@link ExampleOptions}
     */
    public static void main(String[] args) {
        ExampleOptions options;
        try {
            options = ExampleOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ExampleOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ExampleOptions.USAGE);
            return;
        }
        ConsumerExample example;
        try {
            example = start(options, System.getenv(), System.out);
        } catch (RuntimeException e) {
            System.err.println("The example could not start: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        // tag::shutdown-hook[]
        Runtime.getRuntime().addShutdownHook(new Thread(example::stop, "consumer-example-shutdown"));
        // end::shutdown-hook[]
        boolean succeeded;
        if (example.hasSampleStream() && !options.serve()) {
            succeeded = example.awaitSampleStream(options.sampleTimeout());
            if (!succeeded && !example.stopping) {
                System.out.println("The sample stream was not finished within " + options.sampleTimeout().toSeconds()
                        + " s; stopping.");
            }
        } else {
            System.out.println("Consuming until Ctrl-C.");
            succeeded = example.awaitListener();
        }
        boolean interrupted = example.stopping; // Ctrl-C: the shutdown hook stops and prints the summary
        example.stop();
        if (!succeeded && !interrupted) {
            System.exit(1);
        }
    }

    /**
     * Starts the example: the broker if none is given, the consumer, the health endpoint, and the
     * sample stream on the embedded broker.
     *
     * @param options the flags
     * @param environment the process environment: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKIFY_*}
     * @param out where the example prints what it does
     * @return the running example; {@link #stop()} it
     */
    public static ConsumerExample start(ExampleOptions options, Map<String, String> environment, PrintStream out) {
        ExampleConfig settings = ExampleConfig.load(options.configFile(), environment);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            EmbeddedKafkaBroker broker = null;
            KafkaConsumerConfig config;
            if (settings.hasBootstrapServers()) {
                config = settings.build();
            } else {
                out.println("No bootstrap servers given (KAFKA_BOOTSTRAP_SERVERS, KAFKIFY_BOOTSTRAP_SERVERS or "
                        + "--config): starting an embedded Kafka broker...");
                // The example closes the broker itself, after its consumer has committed (Ctrl-C included).
                broker = EmbeddedKafkaBroker.builder().discardOnJvmExit(false).build();
                started.add(broker);
                broker.start();
                config = settings.buildFor(broker.bootstrapServers());
                SampleStream.createTopics(broker, config.deadLetterSuffix());
                out.println("Embedded broker at " + broker.bootstrapServers() + " with topics " + SampleStream.TOPICS
                        + " (" + SampleStream.PARTITIONS + " partitions each) and their dead-letter topics");
            }
            BrokerOffsets offsets = BrokerOffsets.connect(config);
            started.add(offsets);
            HandledEvents handled = new HandledEvents(out);

            // tag::lifecycle[]
            KafkaBaseConsumerAdapter consumer = new KafkaBaseConsumerAdapter(config);
            MainEventRouter.create(handled).registerHandlers(consumer);
            consumer.start();                                    // connect and subscribe
            Thread listener = new Thread(consumer::listen, "kafkify-listener");
            listener.start();                                    // listen() polls until stop()
            // end::lifecycle[]
            started.add(consumer);

            HealthEndpoint health = HealthEndpoint.start(options.healthPort(), consumer::state);
            started.add(health);
            ConsumerExample example =
                    new ConsumerExample(out, broker, config, offsets, handled, consumer, listener, health);
            listener.setUncaughtExceptionHandler((thread, failure) -> {
                example.listenerFailure = failure;
                out.println("The consumer failed: " + failure.getMessage());
            });
            out.println("Consumer of group " + config.groupId() + " on " + config.bootstrapServers() + " started");
            out.println("Health check: " + health.uri());
            if (broker != null) {
                SampleStream.produce(broker);
                out.println("Produced " + SampleStream.records().size() + " sample records:");
            }
            return example;
        } catch (RuntimeException e) {
            closeInReverse(started, e);
            throw e;
        }
    }

    private static void closeInReverse(List<AutoCloseable> started, RuntimeException failure) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** @return whether this example produced the sample stream to an embedded broker */
    public boolean hasSampleStream() {
        return broker != null;
    }

    /** @return the health endpoint's address */
    public URI healthUri() {
        return health.uri();
    }

    /** @return the consumer's state, as the health endpoint reports it */
    public ConsumerState state() {
        return consumer.state();
    }

    /**
     * Waits until every sample record is finished: handled, taken by no handler, or taken by
     * the failure policy (dead-lettered, skipped, or its partition stopped).
     *
     * @param timeout how long to wait at most
     * @return true when the sample stream is finished; false when the time ran out, the consumer
     *     failed, or the example is stopping
     */
    public boolean awaitSampleStream(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (stopping || !listener.isAlive()) {
                return false;
            }
            if (sampleStreamFinished()) {
                return true;
            }
            try {
                Thread.sleep(100); // polls the condition above until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** @return true when {@code listen()} ended because of {@link #stop()}, false when it failed */
    public boolean awaitListener() {
        try {
            listener.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return listenerFailure == null;
    }

    /**
     * Stops gracefully: the consumer finishes its in-flight records and commits, then the summary
     * is read and printed, and the health endpoint and the embedded broker end. Idempotent;
     * callable from any thread, including a JVM shutdown hook.
     *
     * @return the summary
     */
    public synchronized Summary stop() {
        if (summary != null) {
            return summary;
        }
        stopping = true;
        List<StoppedPartition> stopped = consumer.state().stoppedPartitions(); // released by stop()
        // tag::stop[]
        consumer.stop();                                     // drain in-flight records, commit, close
        // end::stop[]
        try {
            listener.join(LISTENER_EXIT_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        summary = summarize(stopped);
        out.print(summary.format());
        health.close();
        offsets.close();
        if (broker != null) {
            broker.close();
        }
        return summary;
    }

    /** Calls {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Every sample record is handled, unrouted, or taken by the failure policy. */
    private boolean sampleStreamFinished() {
        ConsumerState state = consumer.state();
        long givenUp = state.deadLettered() + state.skipped() + state.stoppedPartitions().size();
        return handled.total() >= SampleStream.count(Expected.HANDLED)
                && state.unrouted() >= SampleStream.count(Expected.UNROUTED)
                && givenUp >= SampleStream.count(Expected.INVALID);
    }

    private Summary summarize(List<StoppedPartition> stoppedPartitions) {
        ConsumerState state = consumer.state();
        List<String> stopped = stoppedPartitions.stream()
                .map(partition -> partition.partition() + "@" + partition.offset() + ": " + partition.reason())
                .collect(Collectors.toList());
        List<PartitionOffsets> committed = List.of();
        String unavailable = null;
        try {
            if (broker != null && !broker.isRunning()) {
                unavailable = "the embedded broker has stopped already";
            } else {
                committed = offsets.committed(config.groupId(), SampleStream.TOPICS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted";
        } catch (Exception e) {
            unavailable = "the broker did not answer (" + e + ")";
        }
        return new Summary(handled.counts(), state.unrouted(), state.failed(), state.deadLettered(), state.skipped(),
                stopped, committed, unavailable);
    }
}
