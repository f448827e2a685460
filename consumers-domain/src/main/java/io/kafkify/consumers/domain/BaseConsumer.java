package io.kafkify.consumers.domain;

/**
 * The consumer port: register handlers per topic (and per code) through the
 * {@link HandlerRegistry} methods, then {@link #start()}, {@link #listen()} and {@link #stop()}
 * (or {@link #listenInBackground()}, which does the first two on a thread of its own). The Kafka
 * adapter and the in-memory test adapter both implement it, with the same decoding, routing and
 * commit rules.
 *
 * <p>Routing: a record whose decoded value is a JSON object with a string {@code code} field
 * goes to the handler registered for its topic and that code. Every other record of the
 * topic (no code, a value that is not an object, a code nobody registered) goes to the
 * topic's default handler. A record no handler takes is logged, counted and committed.
 *
 * <p>Threading: register handlers before {@code start()}, from one thread. {@code listen()}
 * blocks the calling thread until {@code stop()}; {@code stop()} may be called from any
 * thread, any number of times.
 */
public interface BaseConsumer extends HandlerRegistry, AutoCloseable {

    /**
     * Connects and subscribes to the topics that have handlers. Calling it again is harmless.
     * With no handler registered, it logs a warning and does not start.
     */
    void start();

    /**
     * Consumes until {@link #stop()}: decode, route, handle, commit. Blocks the calling thread.
     *
     * @throws ConsumerStateException when called before {@link #start()}, or when the
     *     consumer failed for good (the exception names the cause)
     */
    void listen();

    /**
     * Starts the consumer, then listens on a thread of its own, {@value Listening#THREAD_NAME}, and
     * stops it gracefully on JVM shutdown (SIGTERM, Ctrl-C), waiting for its final commit: what
     * every service would otherwise write around {@link #listen()}. The thread is not a daemon.
     *
     * @return the running listener: {@link Listening#await()} blocks until the consumer ends,
     *     {@link Listening#stop()} ends it
     */
    default Listening listenInBackground() {
        return Listening.start(this, Listening.THREAD_NAME);
    }

    /**
     * Stops gracefully: stops fetching, lets in-flight records finish (up to the configured
     * timeout), commits what finished, and closes. Idempotent; callable from any thread,
     * including a JVM shutdown hook. {@link #listen()} returns after it.
     */
    void stop();

    /**
     * A snapshot of the consumer's status, partitions, last error and counters, for health
     * checks. Callable from any thread at any time; never blocks.
     *
     * @return the current state
     */
    ConsumerState state();

    /** Calls {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
