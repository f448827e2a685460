package io.kafkify.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkify.consumers.domain.ConsumerStatus;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.infrastructure.JsonDefaults;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The adapter's options that docs/consumer.md shows; building an adapter does not connect. */
class AdapterOptionsTest {

    private final KafkaConsumerConfig config = KafkaConsumerConfig.builder().bootstrapServers("localhost:9092").build();

    @Test
    void takes_the_applications_own_decoders() {
        // tag::decoders[]
        Decoder keyDecoder = (topic, headers, data) -> data == null ? null : new String(data, StandardCharsets.UTF_8);
        Decoder valueDecoder = (topic, headers, data) -> MyAvro.decode(data);
        KafkaBaseConsumerAdapter consumer = new KafkaBaseConsumerAdapter(config, keyDecoder, valueDecoder);
        // end::decoders[]

        assertThat(consumer.state().status()).isEqualTo(ConsumerStatus.STARTING);
        consumer.stop();
    }

    @Test
    void takes_an_executor_a_mapper_and_a_code_extractor_from_its_builder() {
        ExecutorService handlerThreads = Executors.newFixedThreadPool(8);
        try {
            // tag::builder[]
            KafkaBaseConsumerAdapter consumer = KafkaBaseConsumerAdapter.builder(config)
                    .executor(handlerThreads)             // on Java 21: Executors.newVirtualThreadPerTaskExecutor()
                    .objectMapper(JsonDefaults.objectMapper().findAndRegisterModules()) // else the configuration's
                    .codeExtractor(value -> value instanceof MyAvro.Event event ? event.type() : null)
                    .build();
            // end::builder[]

            assertThat(consumer.config()).isEqualTo(config);
            consumer.stop();
        } finally {
            handlerThreads.shutdown();
        }
    }

    /** Stands for an application's own format. */
    static final class MyAvro {
        record Event(String type, byte[] payload) {
        }

        static Event decode(byte[] data) {
            return new Event("PERSON_CREATED", data);
        }
    }
}
