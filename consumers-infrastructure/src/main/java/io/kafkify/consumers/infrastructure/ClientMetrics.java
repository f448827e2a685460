package io.kafkify.consumers.infrastructure;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the Kafka client's own metrics for the application ({@link KafkaBaseConsumerAdapter.Builder#clientMetrics})
 * while the client lives. The binder sees the client through a view that answers {@code metrics()}
 * (safe from any thread) and throws for anything else: the client belongs to the polling thread,
 * and a binder that polled, committed or closed it would break the consumer.
 */
final class ClientMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBaseConsumerAdapter.class);

    private final @Nullable Function<? super Consumer<?, ?>, ? extends AutoCloseable> binder;
    private volatile @Nullable AutoCloseable binding;

    ClientMetrics(@Nullable Function<? super Consumer<?, ?>, ? extends AutoCloseable> binder) {
        this.binder = binder;
    }

    /** Binds the client's metrics, if the application asked; a failure is logged, never thrown. */
    void bind(Consumer<byte[], byte[]> client) {
        if (binder == null) {
            return;
        }
        try {
            binding = binder.apply(view(client));
        } catch (RuntimeException e) {
            LOG.warn("Binding the Kafka client's metrics failed; the consumer runs without them: {}", e.toString());
        }
    }

    /** Unbinds them, once the client is closed. */
    void close() {
        AutoCloseable bound = binding;
        binding = null;
        if (bound != null) {
            try {
                bound.close();
            } catch (Exception e) {
                LOG.warn("Unbinding the Kafka client's metrics failed: {}", e.toString());
            }
        }
    }

    static Consumer<?, ?> view(Consumer<byte[], byte[]> client) {
        return (Consumer<?, ?>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
                new Class<?>[] {Consumer.class}, (proxy, method, arguments) -> answer(client, proxy, method, arguments));
    }

    private static Object answer(Consumer<byte[], byte[]> client, Object proxy, Method method,
                                 @Nullable Object @Nullable [] arguments) {
        int parameters = method.getParameterCount();
        String name = method.getName();
        if (parameters == 0 && name.equals("metrics")) {
            return client.metrics();
        }
        if (parameters == 0 && name.equals("toString")) {
            return "the metrics of " + client;
        }
        if (parameters == 0 && name.equals("hashCode")) {
            return System.identityHashCode(proxy);
        }
        if (parameters == 1 && name.equals("equals") && arguments != null) {
            return proxy == arguments[0];
        }
        throw new UnsupportedOperationException("Kafkify's KafkaConsumer belongs to its polling thread: a metrics "
                + "binder may call metrics() only, not " + name + "()");
    }
}
