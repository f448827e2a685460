package io.kafkify.consumers.infrastructure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BrokerTroubleIT {

    @Test
    void reports_disconnected_while_no_broker_answers_and_keeps_trying() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaBaseConsumerAdapter adapter = new KafkaBaseConsumerAdapter(KafkaConsumerConfig.builder()
                .bootstrapServers("127.0.0.1:" + closedPort)
                .groupId(Broker.unique("nobody"))
                .shutdownTimeout(Duration.ofSeconds(2))
                .build());
        adapter.get("anything", message -> { });

        try (Broker.Running running = new Broker.Running(adapter)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> adapter.state().status() == ConsumerStatus.DISCONNECTED);
            assertThat(adapter.state().lastError()).contains("127.0.0.1:" + closedPort);
            assertThat(running.loop).isNotDone();
        }
        assertThat(adapter.state().status()).isEqualTo(ConsumerStatus.STOPPED);
    }
}
