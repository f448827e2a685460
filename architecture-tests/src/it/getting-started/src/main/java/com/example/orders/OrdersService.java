// tag::service[]
package com.example.orders;

import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.router.ConsumerRouter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the orders placed on the {@code orders} topic. */
public final class OrdersService {

    private final Map<String, Object> orders = new ConcurrentHashMap<>();

    /** @return the routes: the same on Kafka and in tests */
    public ConsumerRouter router() {
        ConsumerRouter router = new ConsumerRouter();
        router.get("orders", List.of("ORDER_PLACED"), this::placed);
        return router;
    }

    private void placed(Message message) {
        Map<?, ?> value = (Map<?, ?>) message.value();  // {"code": "ORDER_PLACED", "data": {...}}
        Map<?, ?> data = (Map<?, ?>) value.get("data");
        orders.put(String.valueOf(data.get("id")), data);
    }

    /** @return the orders placed so far, by id */
    public Map<String, Object> orders() {
        return orders;
    }

    /**
     * @param environment the process environment
     * @return defaults written here, overridden by the KAFKIFY_* variables (KAFKIFY_BOOTSTRAP_SERVERS...)
     */
    public static KafkaConsumerConfig config(Map<String, String> environment) {
        return KafkaConsumerConfig.builder()
                .groupId("orders-service")
                .ordering(Ordering.KEY)                      // orders of one key in order, others in parallel
                .failurePolicy(FailurePolicy.DEAD_LETTER)    // after 3 attempts, to orders.DLT
                .environment(environment)                    // last: the operators' variables win
                .build();
    }

    public static void main(String[] args) throws InterruptedException {
        OrdersService service = new OrdersService();
        KafkaBaseConsumerAdapter consumer = new KafkaBaseConsumerAdapter(config(System.getenv()));
        service.router().registerHandlers(consumer);
        consumer.listenInBackground().await();               // until SIGTERM or Ctrl-C, then a graceful stop
    }
}
// end::service[]
