package io.kafkify.consumers.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A consumer listening on a thread of its own, as {@link BaseConsumer#listenInBackground()}
 * starts it: the thread is not a daemon (the JVM stays up while the consumer listens, so a
 * service's {@code main} may return), and a JVM shutdown (SIGTERM, Ctrl-C) stops the consumer
 * gracefully and waits for its final commit. {@link #await()} blocks until the consumer ends;
 * {@link #stop()} ends it. Both report what failed the consumer, if anything did.
 *
 * <p>Threading: every method may be called from any thread.
 */
public final class Listening implements AutoCloseable {

    /** The listener thread's name, followed by the consumer's description. */
    public static final String THREAD_NAME = "kafkify-listener";

    private final BaseConsumer consumer;
    private final Thread listener;
    private final Thread shutdownHook;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile @Nullable RuntimeException failure;

    private Listening(BaseConsumer consumer, String name) {
        this.consumer = consumer;
        this.listener = new Thread(this::listen, name);
        this.shutdownHook = new Thread(this::stopOnShutdown, name + "-shutdown");
    }

    /**
     * Starts the consumer, then its listener thread.
     *
     * @param consumer a consumer with its handlers registered
     * @param name the listener thread's name
     * @return the running listener
     */
    static Listening start(BaseConsumer consumer, String name) {
        Objects.requireNonNull(consumer, "consumer");
        consumer.start();
        Listening listening = new Listening(consumer, name);
        Runtime.getRuntime().addShutdownHook(listening.shutdownHook);
        listening.listener.start();
        return listening;
    }

    private void listen() {
        try {
            consumer.listen();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs now, or ran: it stops the consumer, which is what ended here.
            }
        }
    }

    private void stopOnShutdown() {
        consumer.stop();
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks until the consumer ends (after {@link #stop()}, a stop from elsewhere, a JVM
     * shutdown, or a failure).
     *
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws ConsumerStateException or any exception that failed the consumer, as
     *     {@link BaseConsumer#listen()} threw it
     */
    public void await() throws InterruptedException {
        ended.await();
        rethrow();
    }

    /**
     * @param timeout how long to wait at most
     * @return true when the consumer ended within the timeout
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws RuntimeException what failed the consumer, as {@link BaseConsumer#listen()} threw it
     */
    public boolean await(Duration timeout) throws InterruptedException {
        boolean done = ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (done) {
            rethrow();
        }
        return done;
    }

    /** @return true until the listener thread has returned from {@link BaseConsumer#listen()} */
    public boolean isListening() {
        return ended.getCount() > 0;
    }

    /** @return what failed the consumer, or null (none yet, or it ended normally) */
    public @Nullable RuntimeException failure() {
        return failure;
    }

    /**
     * Stops the consumer gracefully ({@link BaseConsumer#stop()}) and waits for the listener
     * thread to end. Idempotent.
     *
     * @throws RuntimeException what failed the consumer before the stop, if anything did
     */
    public void stop() {
        consumer.stop();
        boolean interrupted = false;
        while (true) {
            try {
                ended.await();
                if (Thread.currentThread() != listener) {
                    listener.join();
                }
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        rethrow();
    }

    /** Calls {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void rethrow() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public String toString() {
        return "Listening[" + listener.getName() + (isListening() ? ", listening]" : ", ended]");
    }
}
