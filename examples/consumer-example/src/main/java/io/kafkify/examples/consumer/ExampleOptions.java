package io.kafkify.examples.consumer;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The example's command-line flags.
 *
 * @param serve keep running after the sample stream, as a service, until Ctrl-C
 * @param healthPort the health endpoint's port; 0 picks a free one
 * @param configFile a {@code .properties} file of consumer settings, or null
 * @param sampleTimeout how long the demo waits for its sample stream before it gives up
 * @param help print the usage and exit
 */
public record ExampleOptions(boolean serve, int healthPort, @Nullable Path configFile, Duration sampleTimeout,
                             boolean help) {

    /** The usage, printed by {@code --help} and on a wrong flag. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ConsumerExample [--serve] [--health-port=PORT] [--config=FILE] [--sample-timeout=SECONDS]",
            "  --serve                keep consuming after the sample stream, until Ctrl-C",
            "  --health-port=PORT     port of GET /health-check (default 0: a free port)",
            "  --config=FILE          consumer settings as .properties (bootstrap.servers, group.id, ...);",
            "                         they win over KAFKA_BOOTSTRAP_SERVERS and KAFKIFY_* variables",
            "  --sample-timeout=SEC   how long to wait for the sample stream (default 60)",
            "With no bootstrap servers in FILE, KAFKA_BOOTSTRAP_SERVERS or KAFKIFY_BOOTSTRAP_SERVERS, the example",
            "starts an embedded Kafka broker and produces a sample stream to it.");

    /** The defaults: a demo that exits after its sample stream, health on a free port. */
    public static final ExampleOptions DEFAULTS = new ExampleOptions(false, 0, null, Duration.ofSeconds(60), false);

    /**
     * Checks the arguments.
     *
     * @param serve keep running after the sample stream
     * @param healthPort 0 to 65535
     * @param configFile a {@code .properties} file, or null
     * @param sampleTimeout positive
     * @param help print the usage and exit
     */
    public ExampleOptions {
        if (healthPort < 0 || healthPort > 65_535) {
            throw new IllegalArgumentException("--health-port must be 0 to 65535, was " + healthPort);
        }
        if (sampleTimeout == null || sampleTimeout.isNegative() || sampleTimeout.isZero()) {
            throw new IllegalArgumentException("--sample-timeout must be a positive number of seconds, was "
                    + sampleTimeout);
        }
    }

    /**
     * @param args the command line; blank arguments are ignored
     * @return the options
     * @throws IllegalArgumentException naming a flag that is unknown or has a wrong value
     */
    public static ExampleOptions parse(String... args) {
        ExampleOptions options = DEFAULTS;
        for (String arg : args) {
            String flag = arg.strip();
            if (flag.isEmpty()) {
                continue;
            }
            if (flag.equals("--serve")) {
                options = options.withServe(true);
            } else if (flag.equals("--help") || flag.equals("-h")) {
                options = new ExampleOptions(options.serve, options.healthPort, options.configFile,
                        options.sampleTimeout, true);
            } else if (flag.startsWith("--health-port=")) {
                options = options.withHealthPort(number(flag));
            } else if (flag.startsWith("--config=")) {
                options = new ExampleOptions(options.serve, options.healthPort, Path.of(value(flag)),
                        options.sampleTimeout, options.help);
            } else if (flag.startsWith("--sample-timeout=")) {
                options = new ExampleOptions(options.serve, options.healthPort, options.configFile,
                        Duration.ofSeconds(number(flag)), options.help);
            } else {
                throw new IllegalArgumentException("Unknown argument \"" + arg + "\"");
            }
        }
        return options;
    }

    /**
     * @param keepServing whether to keep running after the sample stream
     * @return these options with {@code serve} changed
     */
    public ExampleOptions withServe(boolean keepServing) {
        return new ExampleOptions(keepServing, healthPort, configFile, sampleTimeout, help);
    }

    /**
     * @param port the health endpoint's port, 0 for a free one
     * @return these options with {@code healthPort} changed
     */
    public ExampleOptions withHealthPort(int port) {
        return new ExampleOptions(serve, port, configFile, sampleTimeout, help);
    }

    private static String value(String flag) {
        return flag.substring(flag.indexOf('=') + 1);
    }

    private static int number(String flag) {
        try {
            return Integer.parseInt(value(flag));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag.substring(0, flag.indexOf('=')) + " takes a number, was \""
                    + value(flag) + "\"", e);
        }
    }
}
