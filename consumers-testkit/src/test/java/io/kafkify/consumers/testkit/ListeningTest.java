package io.kafkify.consumers.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kafkify.consumers.domain.BaseConsumer;
import io.kafkify.consumers.domain.ConsumerState;
import io.kafkify.consumers.domain.ConsumerStateException;
import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.HandlerRegistration;
import io.kafkify.consumers.domain.Listening;
import io.kafkify.consumers.domain.RecordOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link BaseConsumer#listenInBackground()} on the in-memory adapter, whose listen() blocks until stop(). */
class ListeningTest {

    @Test
    void listens_on_a_thread_of_its_own_until_stopped() throws Exception {
        InMemoryConsumer consumer = new InMemoryConsumer();
        AtomicReference<Thread> handlerThread = new AtomicReference<>();
        consumer.get("orders", message -> handlerThread.set(Thread.currentThread()));

        Listening listening = consumer.listenInBackground();
        Thread listener = threadNamed(Listening.THREAD_NAME);
        assertThat(listener).isNotNull();
        assertThat(listener.isDaemon()).isFalse();
        assertThat(consumer.send("orders", "k", "{\"code\":\"A\"}")).containsInstanceOf(RecordOutcome.Handled.class);
        assertThat(listening.isListening()).isTrue();
        assertThat(listening.await(Duration.ofMillis(50))).isFalse();

        listening.stop();

        assertThat(listening.isListening()).isFalse();
        assertThat(listening.await(Duration.ZERO)).isTrue();
        assertThat(consumer.state().status()).isEqualTo(ConsumerStatus.STOPPED);
        assertThat(listener.isAlive()).isFalse();
        listening.stop(); // idempotent
    }

    @Test
    void await_returns_once_the_consumer_is_stopped_from_elsewhere() throws Exception {
        InMemoryConsumer consumer = new InMemoryConsumer();
        consumer.get("orders", message -> { });
        Listening listening = consumer.listenInBackground();

        consumer.stop();

        assertThat(listening.await(Duration.ofSeconds(10))).isTrue();
        assertThat(listening.failure()).isNull();
    }

    @Test
    void what_fails_the_listener_is_thrown_by_await_and_stop() throws Exception {
        ConsumerStateException broken = new ConsumerStateException("authentication failed");
        BaseConsumer failing = new FailingConsumer(broken);

        Listening listening = failing.listenInBackground();

        assertThatThrownBy(listening::await).isSameAs(broken);
        assertThat(listening.failure()).isSameAs(broken);
        assertThatThrownBy(listening::stop).isSameAs(broken);
    }

    private static Thread threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name))
                .filter(Thread::isAlive).findFirst().orElse(null);
    }

    /** A consumer whose listen() fails at once, as the Kafka adapter's does on bad credentials. */
    private static final class FailingConsumer implements BaseConsumer {
        private final RuntimeException failure;

        FailingConsumer(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public void register(HandlerRegistration registration) {
        }

        @Override
        public void start() {
        }

        @Override
        public void listen() {
            throw failure;
        }

        @Override
        public void stop() {
        }

        @Override
        public ConsumerState state() {
            return new ConsumerState(ConsumerStatus.FAILED, List.of(), List.of(), failure.getMessage(), 0, 0, 0, 0, 0, 0);
        }
    }
}
