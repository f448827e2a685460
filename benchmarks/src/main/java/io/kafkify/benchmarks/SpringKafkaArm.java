package io.kafkify.benchmarks;

import java.util.HashMap;
import java.util.Map;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

/**
 * Spring for Apache Kafka without Spring Boot: a {@link KafkaMessageListenerContainer} (one
 * consumer, like the raw loop and Kafkify) with a record listener doing the same work as the raw
 * loop, ack mode {@code BATCH} (commit once per poll, after its records) and asynchronous commits,
 * as the raw loop and Kafkify commit.
 */
final class SpringKafkaArm implements Arm {

    @Override
    public String name() {
        return "spring-kafka";
    }

    @Override
    public String description() {
        return "spring-kafka " + Versions.springKafka() + " KafkaMessageListenerContainer, record MessageListener, "
                + "AckMode.BATCH, syncCommits=false";
    }

    @Override
    public void consume(RunSpec run) throws InterruptedException {
        Map<String, Object> properties = new HashMap<>(run.consumerProperties());
        DefaultKafkaConsumerFactory<byte[], byte[]> factory = new DefaultKafkaConsumerFactory<>(properties);
        ContainerProperties container = new ContainerProperties(run.topic());
        container.setGroupId(run.groupId());
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setSyncCommits(false);
        container.setPollTimeout(100);
        RecordWork work = new RecordWork(run.handler());
        container.setMessageListener((MessageListener<byte[], byte[]>) record -> work.handle(record.value()));
        KafkaMessageListenerContainer<byte[], byte[]> listener = new KafkaMessageListenerContainer<>(factory, container);
        listener.setBeanName("bench-spring-" + run.groupId());
        listener.start();
        try {
            while (!run.finished() && listener.isRunning()) {
                run.progress().await(50);
            }
        } finally {
            listener.stop();
        }
    }
}
