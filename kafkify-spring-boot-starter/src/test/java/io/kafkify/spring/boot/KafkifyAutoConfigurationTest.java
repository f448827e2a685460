package io.kafkify.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.FailurePolicy;
import io.kafkify.consumers.domain.Message;
import io.kafkify.consumers.domain.Ordering;
import io.kafkify.consumers.infrastructure.KafkaBaseConsumerAdapter;
import io.kafkify.consumers.infrastructure.KafkaConsumerConfig;
import io.kafkify.consumers.micrometer.KafkifyMetrics;
import io.kafkify.consumers.opentelemetry.KafkifyTracing;
import io.kafkify.consumers.router.ConsumerRouter;
import io.kafkify.consumers.router.Handles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The auto-configuration in real application contexts: binding, the conditions, and the user's beans winning. */
class KafkifyAutoConfigurationTest {

    private static final String UNREACHABLE = "kafkify.bootstrap-servers=127.0.0.1:1";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkifyAutoConfiguration.class,
                    KafkifyHealthAutoConfiguration.class, KafkifyMetricsAutoConfiguration.class,
                    KafkifyTracingAutoConfiguration.class));

    /**
     * A context with a consumer starts it; here it has no broker to reach, and stops at once. Handling
     * records on a real broker is KafkifyStarterIT's.
     */
    private ApplicationContextRunner withConsumer() {
        return runner.withPropertyValues(UNREACHABLE, "kafkify.group-id=auto-configuration-test",
                "kafkify.shutdown-timeout=2s");
    }

    @Test
    void kafkify_properties_bind_onto_the_configuration_under_kafkify_names() {
        runner.withPropertyValues("kafkify.bootstrap-servers=broker-1:9092,broker-2:9092", "kafkify.group-id=orders",
                        "kafkify.ordering=KEY",
                        "kafkify.max-poll-records=50", "kafkify.shutdown-timeout=20s",
                        "kafkify.revoke-timeout=PT5S", "kafkify.max-unfinished-age=120000", "kafkify.failure-policy=dead-letter",
                        "kafkify.strict-payloads=true", "kafkify.properties.security.protocol=SASL_SSL",
                        "kafkify.properties.sasl.mechanism=PLAIN")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    KafkaConsumerConfig config = context.getBean(KafkaConsumerConfig.class);
                    assertThat(config.bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
                    assertThat(config.groupId()).isEqualTo("orders");
                    assertThat(config.maxPollRecords()).isEqualTo(50);
                    assertThat(config.ordering()).isEqualTo(Ordering.KEY);
                    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(config.revokeTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(config.maxUnfinishedAge()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(config.failurePolicy()).isEqualTo(FailurePolicy.DEAD_LETTER);
                    assertThat(config.strictPayloads()).isTrue();
                    assertThat(config.extraProperties())
                            .containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
                });
    }

    @Test
    void relaxed_names_and_environment_variables_bind_too() {
        runner.withPropertyValues("kafkify.bootstrap-servers=localhost:9092", "kafkify.maxPollRecords=7",
                        "kafkify.max_attempts=5")
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                                "KAFKIFY_GROUP_ID", "from-the-environment", "KAFKIFY_MAX_CONCURRENCY", "4",
                                "KAFKIFY_PROPERTIES_SECURITY_PROTOCOL", "SSL"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    KafkaConsumerConfig config = context.getBean(KafkaConsumerConfig.class);
                    assertThat(config.maxPollRecords()).isEqualTo(7);
                    assertThat(config.maxAttempts()).isEqualTo(5);
                    assertThat(config.groupId()).isEqualTo("from-the-environment");
                    assertThat(config.maxConcurrency()).isEqualTo(4);
                    assertThat(config.extraProperties()).containsEntry("security.protocol", "SSL");
                });
    }

    @Test
    void spring_kafka_properties_are_used_where_kafkify_sets_nothing() {
        runner.withPropertyValues("spring.kafka.bootstrap-servers=a:9092,b:9093",
                        "spring.kafka.properties.security.protocol=SSL", "spring.kafka.properties.client.id=spring-client",
                        "kafkify.client-id=kafkify-client", "kafkify.properties.sasl.mechanism=PLAIN")
                .run(context -> {
                    KafkaConsumerConfig config = context.getBean(KafkaConsumerConfig.class);
                    assertThat(config.bootstrapServers()).isEqualTo("a:9092,b:9093");
                    assertThat(config.clientId()).hasValue("kafkify-client");
                    assertThat(config.extraProperties())
                            .containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SSL", "sasl.mechanism", "PLAIN"));
                });
        runner.withPropertyValues("spring.kafka.bootstrap-servers=a:9092", "kafkify.bootstrap-servers=k:9092")
                .run(context -> assertThat(context.getBean(KafkaConsumerConfig.class).bootstrapServers())
                        .isEqualTo("k:9092"));
    }

    @Test
    void without_a_handler_there_is_a_configuration_and_no_consumer() {
        runner.withPropertyValues("kafkify.bootstrap-servers=localhost:9092").withBean(PlainService.class)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(KafkaConsumerConfig.class)
                        .doesNotHaveBean(KafkaBaseConsumerAdapter.class)
                        .doesNotHaveBean(KafkifyConsumerLifecycle.class)
                        .doesNotHaveBean(KafkifyHealthIndicator.class));
    }

    @Test
    void router_beans_and_handles_beans_make_one_started_consumer_with_health_and_meters() {
        withConsumer().withUserConfiguration(Routers.class).withBean(OrderHandlers.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    // the application's router includes the people router: shared registrations count once
                    assertThat(context).hasNotFailed().hasSingleBean(KafkaBaseConsumerAdapter.class)
                            .hasSingleBean(KafkifyHealthIndicator.class).hasSingleBean(KafkifyMetrics.class);
                    assertThat(context.getBean(KafkifyConsumerLifecycle.class).isRunning()).isTrue();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find(KafkifyMetrics.BUFFERED).gauge()).isNotNull();
                    assertThat(context.getBean(KafkifyHealthIndicator.class).health().getDetails())
                            .containsKey("assignedPartitions");
                });
    }

    @Test
    void an_opentelemetry_bean_gives_the_consumer_its_tracing_and_none_gives_none() {
        withConsumer().withBean(OrderHandlers.class).withBean(OpenTelemetry.class, OpenTelemetry::noop)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(KafkifyTracing.class));
        withConsumer().withBean(OrderHandlers.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkifyTracing.class));
        runner.withPropertyValues("kafkify.bootstrap-servers=localhost:9092")
                .withBean(OpenTelemetry.class, OpenTelemetry::noop)
                .run(context -> assertThat(context).as("no handler, no consumer, nothing to trace")
                        .doesNotHaveBean(KafkifyTracing.class));
        KafkifyTracing own = new KafkifyTracing(OpenTelemetry.noop());
        withConsumer().withBean(OrderHandlers.class).withBean(OpenTelemetry.class, OpenTelemetry::noop)
                .withBean(KafkifyTracing.class, () -> own)
                .run(context -> assertThat(context.getBean(KafkifyTracing.class)).isSameAs(own));
    }

    @Test
    void the_applications_beans_win() {
        KafkaConsumerConfig own = KafkaConsumerConfig.builder()
                .bootstrapServers("127.0.0.1:1").groupId("own").shutdownTimeout(Duration.ofSeconds(2)).build();
        runner.withBean(KafkaConsumerConfig.class, () -> own).withBean(OrderHandlers.class)
                .withPropertyValues("kafkify.group-id=ignored")
                .run(context -> assertThat(context.getBean(KafkaBaseConsumerAdapter.class).config()).isSameAs(own));

        ObjectMapper mapper = new ObjectMapper();
        runner.withPropertyValues("kafkify.bootstrap-servers=localhost:9092").withBean(ObjectMapper.class, () -> mapper)
                .run(context -> assertThat(context.getBean(KafkaConsumerConfig.class).objectMapper()).isSameAs(mapper));

        withConsumer().withBean(OrderHandlers.class).withUserConfiguration(OwnConsumer.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(KafkaBaseConsumerAdapter.class);
                    assertThat(context.getBean(KafkaBaseConsumerAdapter.class))
                            .isSameAs(context.getBean("ownConsumer"));
                    // the lifecycle runs the application's own consumer
                    assertThat(context.getBean(KafkifyConsumerLifecycle.class).isRunning()).isTrue();
                });

        AtomicBoolean customized = new AtomicBoolean();
        withConsumer().withBean(OrderHandlers.class)
                .withBean(KafkifyConsumerCustomizer.class, () -> builder -> customized.set(true))
                .run(context -> assertThat(customized).isTrue());
    }

    @Test
    void a_customizer_bean_reaches_the_adapters_builder() {
        withConsumer().withBean(OrderHandlers.class).withUserConfiguration(HandlerThreads.class)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(KafkaBaseConsumerAdapter.class)
                        .hasSingleBean(KafkifyConsumerCustomizer.class));
    }

    /** The handlers run on the application's own threads. */
    @Configuration(proxyBeanMethods = false)
    static class HandlerThreads {
        final ExecutorService executor = Executors.newFixedThreadPool(4);

        // tag::customizer[]
        @Bean
        KafkifyConsumerCustomizer handlerThreads() {
            return builder -> builder.executor(executor);  // on Java 21: Executors.newVirtualThreadPerTaskExecutor()
        }
        // end::customizer[]
    }

    /** No handler here. */
    static class PlainService {
    }

    /** Handlers as annotated methods of a plain bean. */
    static class OrderHandlers {
        @Handles(topic = "auto-configuration-orders", codes = "ORDER_PLACED")
        void placed(Message message) {
        }
    }

    /** The documented shape: one router per domain, included in the application's router. */
    @Configuration(proxyBeanMethods = false)
    static class Routers {
        @Bean
        ConsumerRouter peopleRouter() {
            ConsumerRouter people = new ConsumerRouter();
            people.get("auto-configuration-people", List.of("PERSON_CREATED"), message -> { });
            return people;
        }

        @Bean
        ConsumerRouter applicationRouter(ConsumerRouter peopleRouter) {
            ConsumerRouter application = new ConsumerRouter();
            application.includeRouter(peopleRouter);
            application.get("auto-configuration-purchases", message -> { });
            return application;
        }
    }

    /** An adapter the application builds itself, registering its own handlers. */
    @Configuration(proxyBeanMethods = false)
    static class OwnConsumer {
        @Bean
        KafkaBaseConsumerAdapter ownConsumer(KafkaConsumerConfig config) {
            KafkaBaseConsumerAdapter consumer = new KafkaBaseConsumerAdapter(config);
            consumer.get("auto-configuration-own", message -> { });
            return consumer;
        }
    }
}
