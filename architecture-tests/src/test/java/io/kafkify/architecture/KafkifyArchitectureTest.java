package io.kafkify.architecture;

import static io.kafkify.architecture.KafkifyArchitecture.domain_depends_only_on_itself_and_the_jdk;
import static io.kafkify.architecture.KafkifyArchitecture.engine_depends_only_on_the_domain_the_router_and_the_jdk;
import static io.kafkify.architecture.KafkifyArchitecture.micrometer_adapter_uses_only_the_observer_port_the_domain_and_micrometer;
import static io.kafkify.architecture.KafkifyArchitecture.every_class_belongs_to_a_known_module;
import static io.kafkify.architecture.KafkifyArchitecture.modules_depend_on_each_other_only_downwards;
import static io.kafkify.architecture.KafkifyArchitecture.no_module_reaches_into_another_modules_internal_packages;
import static io.kafkify.architecture.KafkifyArchitecture.only_adapters_use_kafka_jackson_and_bean_validation;
import static io.kafkify.architecture.KafkifyArchitecture.only_the_micrometer_adapter_uses_micrometer;
import static io.kafkify.architecture.KafkifyArchitecture.only_the_opentelemetry_adapter_uses_opentelemetry;
import static io.kafkify.architecture.KafkifyArchitecture.opentelemetry_adapter_uses_only_the_observer_port_the_domain_and_the_api;
import static io.kafkify.architecture.KafkifyArchitecture.packages_are_free_of_cycles;
import static io.kafkify.architecture.KafkifyArchitecture.only_the_spring_boot_starter_uses_spring;
import static io.kafkify.architecture.KafkifyArchitecture.router_depends_only_on_the_domain_and_the_jdk;
import static io.kafkify.architecture.KafkifyArchitecture.spring_boot_starter_uses_only_spring_and_kafkifys_public_api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.kafkify.benchmarks.archfixture.OrderBenchmark;
import io.kafkify.consumers.infrastructure.archfixture.AdapterCountingWithMicrometer;
import io.kafkify.consumers.infrastructure.archfixture.AdapterReadingSpringEnvironment;
import io.kafkify.consumers.infrastructure.archfixture.AdapterUsingSpringBootStarter;
import io.kafkify.consumers.infrastructure.archfixture.AdapterUsingMicrometerAdapter;
import io.kafkify.consumers.micrometer.archfixture.MetersDrivingTheEngine;
import io.kafkify.consumers.micrometer.archfixture.OrderMeters;
import io.kafkify.consumers.infrastructure.archfixture.AdapterTracingWithOpenTelemetry;
import io.kafkify.consumers.infrastructure.archfixture.AdapterUsingOpenTelemetryAdapter;
import io.kafkify.consumers.opentelemetry.archfixture.OrderSpans;
import io.kafkify.consumers.opentelemetry.archfixture.SpansDrivingTheEngine;
import io.kafkify.consumers.opentelemetry.archfixture.SpansExportedBySdk;
import io.kafkify.consumers.domain.archfixture.HibernateValidatedOrderEvent;
import io.kafkify.consumers.domain.archfixture.JsonAnnotatedOrderEvent;
import io.kafkify.consumers.domain.archfixture.OrderEvent;
import io.kafkify.consumers.domain.archfixture.OrderEventQueuedByEngine;
import io.kafkify.consumers.domain.archfixture.OrderEventRoutedByRouter;
import io.kafkify.consumers.domain.archfixture.OrderEventWithOldNullness;
import io.kafkify.consumers.domain.archfixture.OrderPort;
import io.kafkify.consumers.domain.archfixture.ValidatedOrderEvent;
import io.kafkify.consumers.engine.archfixture.EngineDrivingKafkaAdapter;
import io.kafkify.consumers.engine.archfixture.EngineWithOldNullness;
import io.kafkify.consumers.engine.archfixture.OrderEngine;
import io.kafkify.consumers.engine.archfixture.PartitionAwareOrderEngine;
import io.kafkify.consumers.engine.internal.archfixture.LaneCallingBackIntoEngine;
import io.kafkify.consumers.engine.internal.archfixture.OrderLane;
import io.kafkify.consumers.engine.spi.archfixture.OrderObserver;
import io.kafkify.consumers.infrastructure.archfixture.AdapterReusingEngineLane;
import io.kafkify.consumers.infrastructure.archfixture.AdapterUsingInMemoryConsumer;
import io.kafkify.consumers.infrastructure.archfixture.KafkaOrderAdapter;
import io.kafkify.consumers.infrastructure.internal.archfixture.DecoderCallingBackIntoAdapter;
import io.kafkify.consumers.infrastructure.internal.archfixture.OrderDecoder;
import io.kafkify.consumers.metrics.archfixture.KafkaLagGauge;
import io.kafkify.consumers.router.archfixture.LoggingOrderRouting;
import io.kafkify.consumers.router.archfixture.OrderRouting;
import io.kafkify.consumers.router.archfixture.RecordAwareOrderRouting;
import io.kafkify.consumers.router.archfixture.RoutingIntoEngine;
import io.kafkify.consumers.router.archfixture.RoutingThroughKafkaAdapter;
import io.kafkify.consumers.router.archfixture.RoutingWithOldNullness;
import io.kafkify.consumers.router.archfixture.cycle.codes.CodeRoutes;
import io.kafkify.consumers.router.archfixture.cycle.topics.TopicRoutes;
import io.kafkify.consumers.testkit.archfixture.InMemoryConsumerReusingDecoder;
import io.kafkify.consumers.testkit.archfixture.InMemoryConsumerStartingBroker;
import io.kafkify.consumers.testkit.archfixture.InMemoryOrderConsumer;
import io.kafkify.consumers.testkit.broker.archfixture.BrokerReadingInMemoryLog;
import io.kafkify.consumers.testkit.broker.archfixture.EmbeddedOrderBroker;
import io.kafkify.consumers.testkit.broker.internal.archfixture.BrokerProcess;
import io.kafkify.consumers.testkit.internal.archfixture.InMemoryLog;
import io.kafkify.examples.archfixture.ApplicationRunningBenchmark;
import io.kafkify.examples.archfixture.ApplicationUsingBrokerProcess;
import io.kafkify.examples.archfixture.OrderApplication;
import io.kafkify.spring.boot.archfixture.OrderAutoConfiguration;
import io.kafkify.spring.boot.archfixture.StarterPollingKafka;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that each rule of {@link KafkifyArchitecture} catches what it is meant to catch, on the very
 * rule objects that {@link ArchitectureRulesTest} runs over the real modules.
 *
 * <p>The fixtures sit in the modules' own packages ({@code <module root>.archfixture}), because that
 * is where the rules look; being test classes, they are left out of the real check. Each test hands
 * the rule a small compliant hexagon, one class or two per module, plus one violating class, and
 * expects the rule to report that class and nothing else. The hexagon alone passes every rule, so a
 * failure can only come from the violating class, and no rule fails merely because it found nothing
 * to check.
 */
class KafkifyArchitectureTest {

    /** One compliant class or two per module, each using what its module may use. */
    private static final List<Class<?>> COMPLIANT_HEXAGON = List.of(
            OrderEvent.class, OrderPort.class,
            OrderRouting.class,
            OrderEngine.class, OrderObserver.class, OrderLane.class,
            KafkaOrderAdapter.class, OrderDecoder.class,
            InMemoryOrderConsumer.class, InMemoryLog.class,
            EmbeddedOrderBroker.class, BrokerProcess.class,
            OrderMeters.class,
            OrderSpans.class,
            OrderAutoConfiguration.class,
            OrderApplication.class,
            OrderBenchmark.class);

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRule")
    void compliant_hexagon_satisfies_the_rule(String name, ArchRule rule) {
        EvaluationResult result = rule.evaluate(hexagonWith());

        assertThat(result.getFailureReport().getDetails()).as(name).isEmpty();
    }

    @Test
    void every_rule_is_run_over_the_real_modules() {
        assertThat(rulesOf(KafkifyArchitecture.class))
                .allSatisfy(rule -> assertThat(rule.isAnnotationPresent(ArchTest.class)).as(rule.getName()).isTrue());
    }

    // domain_depends_only_on_itself_and_the_jdk

    @Test
    void domain_rule_fails_when_domain_class_uses_jackson() {
        assertViolatedOnlyBy(domain_depends_only_on_itself_and_the_jdk, JsonAnnotatedOrderEvent.class);
    }

    @Test
    void domain_rule_fails_when_domain_class_uses_the_router() {
        assertViolatedOnlyBy(domain_depends_only_on_itself_and_the_jdk, OrderEventRoutedByRouter.class);
    }

    @Test
    void domain_rule_fails_when_domain_class_uses_nullness_annotations_outside_jspecifys_package() {
        assertViolatedOnlyBy(domain_depends_only_on_itself_and_the_jdk, OrderEventWithOldNullness.class);
    }

    // router_depends_only_on_the_domain_and_the_jdk

    @Test
    void router_rule_fails_when_router_class_uses_kafka() {
        assertViolatedOnlyBy(router_depends_only_on_the_domain_and_the_jdk, RecordAwareOrderRouting.class);
    }

    @Test
    void router_rule_fails_when_router_class_uses_a_library_outside_the_jdk() {
        assertViolatedOnlyBy(router_depends_only_on_the_domain_and_the_jdk, LoggingOrderRouting.class);
    }

    @Test
    void router_rule_fails_when_router_class_uses_the_infrastructure() {
        assertViolatedOnlyBy(router_depends_only_on_the_domain_and_the_jdk, RoutingThroughKafkaAdapter.class);
    }

    @Test
    void router_rule_fails_when_router_class_uses_nullness_annotations_outside_jspecifys_package() {
        assertViolatedOnlyBy(router_depends_only_on_the_domain_and_the_jdk, RoutingWithOldNullness.class);
    }

    // engine_depends_only_on_the_domain_the_router_and_the_jdk

    @Test
    void engine_rule_fails_when_the_engine_uses_kafka() {
        assertViolatedOnlyBy(engine_depends_only_on_the_domain_the_router_and_the_jdk, PartitionAwareOrderEngine.class);
    }

    @Test
    void engine_rule_fails_when_the_engine_uses_the_infrastructure() {
        assertViolatedOnlyBy(engine_depends_only_on_the_domain_the_router_and_the_jdk, EngineDrivingKafkaAdapter.class);
    }

    @Test
    void engine_rule_fails_when_the_engine_uses_nullness_annotations_outside_jspecifys_package() {
        assertViolatedOnlyBy(engine_depends_only_on_the_domain_the_router_and_the_jdk, EngineWithOldNullness.class);
    }

    // only_adapters_use_kafka_jackson_and_bean_validation

    @Test
    void adapter_technology_rule_fails_when_router_class_uses_kafka() {
        assertViolatedOnlyBy(only_adapters_use_kafka_jackson_and_bean_validation, RecordAwareOrderRouting.class);
    }

    @Test
    void adapter_technology_rule_fails_when_the_engine_uses_kafka() {
        assertViolatedOnlyBy(only_adapters_use_kafka_jackson_and_bean_validation, PartitionAwareOrderEngine.class);
    }

    @Test
    void adapter_technology_rule_fails_when_domain_class_uses_jackson() {
        assertViolatedOnlyBy(only_adapters_use_kafka_jackson_and_bean_validation, JsonAnnotatedOrderEvent.class);
    }

    @Test
    void adapter_technology_rule_fails_when_domain_class_uses_bean_validation() {
        assertViolatedOnlyBy(only_adapters_use_kafka_jackson_and_bean_validation, ValidatedOrderEvent.class);
    }

    @Test
    void adapter_technology_rule_fails_when_domain_class_uses_hibernate_validator() {
        assertViolatedOnlyBy(only_adapters_use_kafka_jackson_and_bean_validation, HibernateValidatedOrderEvent.class);
    }

    @Test
    void adapter_technology_rule_fails_when_class_outside_any_module_uses_kafka() {
        assertViolatedOnlyBy(only_adapters_use_kafka_jackson_and_bean_validation, KafkaLagGauge.class);
    }

    // no_module_reaches_into_another_modules_internal_packages

    @Test
    void internals_rule_fails_when_testkit_uses_infrastructure_internals() {
        assertViolatedOnlyBy(no_module_reaches_into_another_modules_internal_packages,
                InMemoryConsumerReusingDecoder.class);
    }

    @Test
    void internals_rule_fails_when_infrastructure_uses_engine_internals() {
        assertViolatedOnlyBy(no_module_reaches_into_another_modules_internal_packages,
                AdapterReusingEngineLane.class);
    }

    @Test
    void internals_rule_fails_when_testkit_broker_uses_internals_of_the_enclosing_testkit() {
        assertViolatedOnlyBy(no_module_reaches_into_another_modules_internal_packages,
                BrokerReadingInMemoryLog.class);
    }

    @Test
    void internals_rule_fails_when_example_uses_testkit_broker_internals() {
        assertViolatedOnlyBy(no_module_reaches_into_another_modules_internal_packages,
                ApplicationUsingBrokerProcess.class);
    }

    // modules_depend_on_each_other_only_downwards

    @Test
    void layer_rule_fails_when_domain_depends_on_the_router() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, OrderEventRoutedByRouter.class);
    }

    @Test
    void layer_rule_fails_when_router_depends_on_the_infrastructure() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, RoutingThroughKafkaAdapter.class);
    }

    @Test
    void layer_rule_fails_when_domain_depends_on_the_engine() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, OrderEventQueuedByEngine.class);
    }

    @Test
    void layer_rule_fails_when_router_depends_on_the_engine() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, RoutingIntoEngine.class);
    }

    @Test
    void layer_rule_fails_when_engine_depends_on_the_infrastructure() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, EngineDrivingKafkaAdapter.class);
    }

    @Test
    void layer_rule_fails_when_infrastructure_depends_on_the_testkit() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, AdapterUsingInMemoryConsumer.class);
    }

    @Test
    void layer_rule_fails_when_the_testkit_broker_depends_on_the_in_memory_testkit() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, BrokerReadingInMemoryLog.class);
    }

    @Test
    void layer_rule_fails_when_in_memory_testkit_depends_on_the_testkit_broker() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, InMemoryConsumerStartingBroker.class);
    }

    @Test
    void layer_rule_fails_when_example_depends_on_a_benchmark() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, ApplicationRunningBenchmark.class);
    }

    @Test
    void layer_rule_fails_when_a_required_module_has_no_classes() {
        JavaClasses withoutTestkit = new ClassFileImporter().importClasses(
                OrderEvent.class, OrderRouting.class, KafkaOrderAdapter.class);

        EvaluationResult result = modules_depend_on_each_other_only_downwards.evaluate(withoutTestkit);

        assertThat(result.getFailureReport().getDetails()).anySatisfy(detail -> assertThat(detail).contains("Testkit"));
    }

    @Test
    void layer_rule_fails_when_the_benchmarks_have_no_classes() {
        JavaClasses withoutBenchmarks = new ClassFileImporter().importClasses(COMPLIANT_HEXAGON.stream()
                .filter(type -> type != OrderBenchmark.class)
                .toList());

        EvaluationResult result = modules_depend_on_each_other_only_downwards.evaluate(withoutBenchmarks);

        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains("Benchmarks"));
    }

    // packages_are_free_of_cycles

    @Test
    void cycle_rule_fails_when_two_packages_of_a_module_depend_on_each_other() {
        assertViolatedOnlyBy(packages_are_free_of_cycles, TopicRoutes.class, CodeRoutes.class);
    }

    @Test
    void cycle_rule_fails_when_internal_code_calls_back_into_the_public_api_that_uses_it() {
        assertViolatedOnlyBy(packages_are_free_of_cycles, DecoderCallingBackIntoAdapter.class);
    }

    @Test
    void cycle_rule_fails_when_engine_internals_call_back_into_the_engine_that_uses_them() {
        assertViolatedOnlyBy(packages_are_free_of_cycles, LaneCallingBackIntoEngine.class);
    }

    @Test
    void cycle_rule_fails_when_domain_and_router_depend_on_each_other() {
        assertViolatedOnlyBy(packages_are_free_of_cycles, OrderEventRoutedByRouter.class);
    }

    // every_class_belongs_to_a_known_module

    @Test
    void module_rule_fails_when_class_belongs_to_no_known_module() {
        assertViolatedOnlyBy(every_class_belongs_to_a_known_module, KafkaLagGauge.class);
    }

    // only_the_micrometer_adapter_uses_micrometer

    @Test
    void micrometer_rule_fails_when_the_kafka_adapter_uses_micrometer() {
        assertViolatedOnlyBy(only_the_micrometer_adapter_uses_micrometer, AdapterCountingWithMicrometer.class);
    }

    // micrometer_adapter_uses_only_the_observer_port_the_domain_and_micrometer

    @Test
    void micrometer_adapter_rule_fails_when_it_uses_the_engines_facade() {
        assertViolatedOnlyBy(micrometer_adapter_uses_only_the_observer_port_the_domain_and_micrometer,
                MetersDrivingTheEngine.class);
    }

    @Test
    void layer_rule_fails_when_the_micrometer_adapter_drives_the_engine_from_the_infrastructure() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, AdapterUsingMicrometerAdapter.class);
    }

    // only_the_opentelemetry_adapter_uses_opentelemetry

    @Test
    void opentelemetry_rule_fails_when_the_kafka_adapter_uses_opentelemetry() {
        assertViolatedOnlyBy(only_the_opentelemetry_adapter_uses_opentelemetry, AdapterTracingWithOpenTelemetry.class);
    }

    // opentelemetry_adapter_uses_only_the_observer_port_the_domain_and_the_api

    @Test
    void opentelemetry_adapter_rule_fails_when_it_uses_the_engines_facade() {
        assertViolatedOnlyBy(opentelemetry_adapter_uses_only_the_observer_port_the_domain_and_the_api,
                SpansDrivingTheEngine.class);
    }

    @Test
    void opentelemetry_adapter_rule_fails_when_it_uses_the_sdk_rather_than_the_api() {
        assertViolatedOnlyBy(opentelemetry_adapter_uses_only_the_observer_port_the_domain_and_the_api,
                SpansExportedBySdk.class);
    }

    @Test
    void layer_rule_fails_when_the_kafka_adapter_depends_on_the_opentelemetry_adapter() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, AdapterUsingOpenTelemetryAdapter.class);
    }

    // only_the_spring_boot_starter_uses_spring

    @Test
    void spring_rule_fails_when_the_kafka_adapter_uses_spring() {
        assertViolatedOnlyBy(only_the_spring_boot_starter_uses_spring, AdapterReadingSpringEnvironment.class);
    }

    // spring_boot_starter_uses_only_spring_and_kafkifys_public_api

    @Test
    void spring_boot_starter_rule_fails_when_the_starter_drives_a_kafka_client() {
        assertViolatedOnlyBy(spring_boot_starter_uses_only_spring_and_kafkifys_public_api, StarterPollingKafka.class);
    }

    @Test
    void layer_rule_fails_when_the_kafka_adapter_depends_on_the_spring_boot_starter() {
        assertViolatedOnlyBy(modules_depend_on_each_other_only_downwards, AdapterUsingSpringBootStarter.class);
    }

    // rules on nothing

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRule")
    void rule_fails_when_it_finds_no_class_to_check(String name, ArchRule rule) {
        JavaClasses noKafkifyClass = new ClassFileImporter().importClasses(String.class, List.class);

        assertThatThrownBy(() -> rule.check(noKafkifyClass)).as(name).isInstanceOf(AssertionError.class);
    }

    /**
     * Evaluates the rule on the compliant hexagon plus the violating classes, and expects violations
     * that all name one of those classes (a cycle report names every class on the cycle).
     */
    private static void assertViolatedOnlyBy(ArchRule rule, Class<?>... violatingClasses) {
        EvaluationResult result = rule.evaluate(hexagonWith(violatingClasses));

        List<String> violations = result.getFailureReport().getDetails();
        assertThat(violations).as("violations of: %s", rule.getDescription())
                .isNotEmpty()
                .allSatisfy(violation -> assertThat(Arrays.stream(violatingClasses).map(Class::getName))
                        .anySatisfy(violatingClass -> assertThat(violation).contains(violatingClass)));
    }

    /**
     * Imports afresh rather than taking a subset of one import: a subset still knows the dependencies
     * of the classes left out, and the layer rule would report those.
     */
    private static JavaClasses hexagonWith(Class<?>... violatingClasses) {
        return new ClassFileImporter().importClasses(
                Stream.concat(COMPLIANT_HEXAGON.stream(), Arrays.stream(violatingClasses)).toList());
    }

    static Stream<Arguments> everyRule() {
        return rulesOf(KafkifyArchitecture.class).stream().map(field -> {
            try {
                return Arguments.of(field.getName(), field.get(null));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<Field> rulesOf(Class<?> holder) {
        return Arrays.stream(holder.getDeclaredFields())
                .filter(field -> ArchRule.class.isAssignableFrom(field.getType()))
                .filter(field -> Modifier.isStatic(field.getModifiers()))
                .toList();
    }
}
