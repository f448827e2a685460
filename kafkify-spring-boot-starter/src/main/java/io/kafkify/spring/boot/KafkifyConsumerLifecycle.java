package io.kafkify.spring.boot;

import io.kafkify.consumers.domain.BaseConsumer;
import io.kafkify.consumers.domain.Listening;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a consumer with the application context: once the context is refreshed, {@code start()} and
 * {@code listen()} on a thread of their own ({@link BaseConsumer#listenInBackground()}); when the context
 * closes, a graceful {@code stop()} (in-flight records finish, up to the configuration's
 * {@code shutdownTimeout}, what finished is committed, the client closes) on another thread, so that
 * Boot's {@code spring.lifecycle.timeout-per-shutdown-phase} bounds the wait.
 *
 * <p>Its phase, {@value #PHASE}, is Spring for Apache Kafka's for its listener containers: it starts
 * after the beans it may use and stops before them, and before the web server stops.
 */
public final class KafkifyConsumerLifecycle implements SmartLifecycle {

    /** Started late, stopped early: after and before every default-phase component. */
    public static final int PHASE = Integer.MAX_VALUE - 100;

    private static final Logger LOG = LoggerFactory.getLogger(KafkifyConsumerLifecycle.class);

    private final BaseConsumer consumer;
    private volatile @Nullable Listening listening;

    /**
     * @param consumer the consumer to run, with its handlers registered
     * @param shutdownTimeout the consumer's {@code shutdownTimeout}
     * @param phaseTimeout Boot's {@code spring.lifecycle.timeout-per-shutdown-phase}
     */
    public KafkifyConsumerLifecycle(BaseConsumer consumer, Duration shutdownTimeout, Duration phaseTimeout) {
        this.consumer = consumer;
        if (shutdownTimeout.compareTo(phaseTimeout) > 0) {
            LOG.warn("kafkify.shutdown-timeout ({}) is longer than spring.lifecycle.timeout-per-shutdown-phase"
                    + " ({}): Spring may stop waiting for the consumer before it has committed what finished."
                    + " Lower kafkify.shutdown-timeout or raise the phase timeout.", shutdownTimeout, phaseTimeout);
        }
    }

    @Override
    public synchronized void start() {
        if (listening == null) {
            listening = consumer.listenInBackground();
        }
    }

    @Override
    public void stop() {
        Listening running = listening;
        if (running == null) {
            return;
        }
        try {
            running.stop();
        } catch (RuntimeException failed) {
            LOG.warn("The Kafkify consumer had failed before it was stopped", failed);
        } finally {
            listening = null;
        }
    }

    /** Stops on a thread of its own, so that the context's other lifecycles of this phase stop meanwhile. */
    @Override
    public void stop(Runnable callback) {
        Thread stopping = new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, Listening.THREAD_NAME + "-stop");
        stopping.start();
    }

    /** @return true while the consumer listens; false once it has stopped or failed */
    @Override
    public boolean isRunning() {
        Listening running = listening;
        return running != null && running.isListening();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
