package io.kafkify.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Kafkify's architecture as ArchUnit rules: the hexagon of DESIGN.md, "Modules and the direction of
 * dependencies".
 *
 * <p>The rules live here, apart from the test that runs them over the real modules
 * ({@link ArchitectureRulesTest}), so that {@link KafkifyArchitectureTest} can evaluate the very same
 * rule objects on fixtures and prove that each one fails when it should.
 *
 * <p>Every rule refuses to pass on an empty set ({@code allowEmptyShould(false)}): a rule that checked
 * nothing, because an import went wrong or a package was renamed, fails instead of passing vacuously.
 */
public final class KafkifyArchitecture {

    /**
     * Kafkify's modules, each known by its root package. A module's classes are those under its root,
     * except those of a module nested in it (the broker's classes are not the in-memory testkit's).
     */
    public enum Module {
        DOMAIN("Domain", "io.kafkify.consumers.domain"),
        ROUTER("Router", "io.kafkify.consumers.router"),
        ENGINE("Engine", "io.kafkify.consumers.engine"),
        INFRASTRUCTURE("Infrastructure", "io.kafkify.consumers.infrastructure"),
        TESTKIT("Testkit", "io.kafkify.consumers.testkit"),
        TESTKIT_BROKER("Testkit broker", "io.kafkify.consumers.testkit.broker"),
        MICROMETER("Micrometer", "io.kafkify.consumers.micrometer"),
        OPENTELEMETRY("OpenTelemetry", "io.kafkify.consumers.opentelemetry"),
        SPRING_BOOT("Spring Boot starter", "io.kafkify.spring.boot"),
        EXAMPLES("Examples", "io.kafkify.examples"),
        BENCHMARKS("Benchmarks", "io.kafkify.benchmarks");

        private final String displayName;
        private final String rootPackage;

        Module(String displayName, String rootPackage) {
            this.displayName = displayName;
            this.rootPackage = rootPackage;
        }

        /** The name of the module's layer in {@link #modules_depend_on_each_other_only_downwards}. */
        public String displayName() {
            return displayName;
        }

        /** The module's root package and its subpackages, in ArchUnit's notation. */
        public String packages() {
            return rootPackage + "..";
        }

        /** The classes of this module, and not of a module nested in it. */
        public DescribedPredicate<JavaClass> classes() {
            String[] nestedModules = Arrays.stream(values())
                    .filter(other -> other.rootPackage.startsWith(rootPackage + "."))
                    .map(Module::packages)
                    .toArray(String[]::new);
            DescribedPredicate<JavaClass> underRoot = resideInAPackage(packages());
            DescribedPredicate<JavaClass> ownClasses =
                    nestedModules.length == 0 ? underRoot : underRoot.and(not(resideInAnyPackage(nestedModules)));
            return ownClasses.as("in module %s (%s)", displayName, packages());
        }

        /** The classes of this module that sit in an {@code ..internal..} package. */
        public DescribedPredicate<JavaClass> internalClasses() {
            return classes().and(resideInAPackage("..internal.."))
                    .as("in an ..internal.. package of module %s (%s)", displayName, packages());
        }
    }

    /** Every Kafkify class, of whichever module; the rules check these and no library's. */
    private static final String KAFKIFY = "io.kafkify..";

    /**
     * JSpecify's nullness annotations, which the inner modules may use as well as the JDK: they state in
     * the types where null is allowed and have no behaviour at run time. Only the annotations package,
     * so that the allowance cannot grow into a library.
     */
    private static final String NULLNESS_ANNOTATIONS = "org.jspecify.annotations..";

    /** Where the adapters' technologies live; only adapters may touch them. */
    private static final String[] ADAPTER_TECHNOLOGIES = {
        "org.apache.kafka..", "com.fasterxml.jackson..", "jakarta.validation..", "org.hibernate.."
    };

    @ArchTest
    public static final ArchRule domain_depends_only_on_itself_and_the_jdk =
            classes().that(Module.DOMAIN.classes())
                    .should().onlyDependOnClassesThat()
                    .resideInAnyPackage(Module.DOMAIN.packages(), "java..", NULLNESS_ANNOTATIONS)
                    .because("the domain holds the ports and the model, which every adapter depends on;"
                            + " it depends on no third-party library (JSpecify's annotations aside) and on no"
                            + " other module")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule router_depends_only_on_the_domain_and_the_jdk =
            classes().that(Module.ROUTER.classes())
                    .should().onlyDependOnClassesThat()
                    .resideInAnyPackage(Module.ROUTER.packages(), Module.DOMAIN.packages(), "java..",
                            NULLNESS_ANNOTATIONS)
                    .because("the router decides which handler takes a record; it never touches Kafka")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule engine_depends_only_on_the_domain_the_router_and_the_jdk =
            classes().that(Module.ENGINE.classes())
                    .should().onlyDependOnClassesThat().resideInAnyPackage(
                            Module.ENGINE.packages(), Module.ROUTER.packages(), Module.DOMAIN.packages(), "java..",
                            NULLNESS_ANNOTATIONS)
                    .because("the engine is the processing core that every adapter drives; it sees records"
                            + " only through its own ports and values, never through Kafka or an adapter")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule only_adapters_use_kafka_jackson_and_bean_validation =
            noClasses().that().resideInAPackage(KAFKIFY).and().resideOutsideOfPackages(
                            Module.INFRASTRUCTURE.packages(),
                            // the in-memory testkit builds Kafka-shaped records; the broker is Kafka
                            Module.TESTKIT.packages(),
                            // the application's Jackson mapper; its own rule keeps it off Kafka
                            Module.SPRING_BOOT.packages(),
                            // applications and benchmarks are users of Kafka, not parts of the hexagon
                            Module.EXAMPLES.packages(),
                            Module.BENCHMARKS.packages())
                    .should().dependOnClassesThat().resideInAnyPackage(ADAPTER_TECHNOLOGIES)
                    .because("Kafka, Jackson and Bean Validation are adapter technologies;"
                            + " the domain, the router and the engine stay free of them")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule only_the_micrometer_adapter_uses_micrometer =
            noClasses().that().resideInAPackage(KAFKIFY).and().resideOutsideOfPackages(
                            Module.MICROMETER.packages(),
                            // binds the Micrometer adapter to the application's registry
                            Module.SPRING_BOOT.packages(),
                            // applications and benchmarks are users of Micrometer, not parts of the hexagon
                            Module.EXAMPLES.packages(),
                            Module.BENCHMARKS.packages())
                    .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                    .because("Micrometer is the technology of one adapter of the engine's observer port;"
                            + " the engine, the other adapters and the domain stay free of it")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule micrometer_adapter_uses_only_the_observer_port_the_domain_and_micrometer =
            classes().that(Module.MICROMETER.classes())
                    .should().onlyDependOnClassesThat().resideInAnyPackage(
                            Module.MICROMETER.packages(), "io.kafkify.consumers.engine.spi..",
                            Module.DOMAIN.packages(), "io.micrometer..", "java..", NULLNESS_ANNOTATIONS)
                    .because("an adapter of the observer port sees the engine only through its SPI, never"
                            + " through its facade, its internals or another adapter")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule only_the_opentelemetry_adapter_uses_opentelemetry =
            noClasses().that().resideInAPackage(KAFKIFY).and().resideOutsideOfPackages(
                            Module.OPENTELEMETRY.packages(),
                            // the starter binds the adapter to the application's OpenTelemetry bean
                            Module.SPRING_BOOT.packages(),
                            // applications and benchmarks are users of OpenTelemetry, not parts of the hexagon
                            Module.EXAMPLES.packages(),
                            Module.BENCHMARKS.packages())
                    .should().dependOnClassesThat().resideInAPackage("io.opentelemetry..")
                    .because("OpenTelemetry is the technology of one adapter of the engine's observer port;"
                            + " the engine, the other adapters and the domain stay free of it")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule opentelemetry_adapter_uses_only_the_observer_port_the_domain_and_the_api =
            classes().that(Module.OPENTELEMETRY.classes())
                    .should().onlyDependOnClassesThat().resideInAnyPackage(
                            Module.OPENTELEMETRY.packages(), "io.kafkify.consumers.engine.spi..",
                            Module.DOMAIN.packages(), "io.opentelemetry.api..", "io.opentelemetry.context..",
                            "java..", NULLNESS_ANNOTATIONS)
                    .because("an adapter of the observer port sees the engine only through its SPI; and it"
                            + " needs OpenTelemetry's API alone (opentelemetry-api and its context), so that"
                            + " the application chooses the SDK, or none")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule only_the_spring_boot_starter_uses_spring =
            noClasses().that().resideInAPackage(KAFKIFY).and().resideOutsideOfPackages(
                            Module.SPRING_BOOT.packages(),
                            // applications and benchmarks are users of Spring, not parts of the hexagon
                            Module.EXAMPLES.packages(),
                            Module.BENCHMARKS.packages())
                    .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                    .because("plain Java is the core; Spring is the technology of one adapter module, the"
                            + " starter, and every other module works without it")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule spring_boot_starter_uses_only_spring_and_kafkifys_public_api =
            classes().that(Module.SPRING_BOOT.classes())
                    .should().onlyDependOnClassesThat().resideInAnyPackage(
                            Module.SPRING_BOOT.packages(), Module.DOMAIN.packages(), Module.ROUTER.packages(),
                            "io.kafkify.consumers.engine.spi..", Module.INFRASTRUCTURE.packages(),
                            Module.MICROMETER.packages(), Module.OPENTELEMETRY.packages(), "org.springframework..",
                            "io.micrometer..", "io.opentelemetry.api..", "com.fasterxml.jackson.databind..",
                            "org.slf4j..", "java..", NULLNESS_ANNOTATIONS)
                    .because("the starter wires the adapters into Spring Boot; it reads no record and drives no"
                            + " Kafka client itself, and sees the engine only through its SPI (observers)")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule no_module_reaches_into_another_modules_internal_packages =
            CompositeArchRule.of(Arrays.stream(Module.values())
                            .map(KafkifyArchitecture::nothingOutsideReachesIntoTheInternalsOf)
                            .collect(Collectors.toList()))
                    .as("no module should depend on classes in another module's ..internal.. packages")
                    .because("a module's ..internal.. packages are its implementation; other modules"
                            + " use its public API, so that the implementation can change")
                    .allowEmptyShould(false);

    private static ArchRule nothingOutsideReachesIntoTheInternalsOf(Module module) {
        return noClasses().that().resideInAPackage(KAFKIFY).and(not(module.classes()))
                .should().dependOnClassesThat(module.internalClasses());
    }

    @ArchTest
    public static final ArchRule modules_depend_on_each_other_only_downwards =
            layeredArchitecture()
                    // which third-party classes a module may use is the business of the rules above
                    .consideringOnlyDependenciesInLayers()
                    .layer(Module.DOMAIN.displayName()).definedBy(Module.DOMAIN.classes())
                    .layer(Module.ROUTER.displayName()).definedBy(Module.ROUTER.classes())
                    .layer(Module.ENGINE.displayName()).definedBy(Module.ENGINE.classes())
                    .layer(Module.INFRASTRUCTURE.displayName()).definedBy(Module.INFRASTRUCTURE.classes())
                    .layer(Module.TESTKIT.displayName()).definedBy(Module.TESTKIT.classes())
                    .layer(Module.TESTKIT_BROKER.displayName()).definedBy(Module.TESTKIT_BROKER.classes())
                    .layer(Module.MICROMETER.displayName()).definedBy(Module.MICROMETER.classes())
                    .layer(Module.OPENTELEMETRY.displayName()).definedBy(Module.OPENTELEMETRY.classes())
                    .layer(Module.SPRING_BOOT.displayName()).definedBy(Module.SPRING_BOOT.classes())
                    .layer(Module.EXAMPLES.displayName()).definedBy(Module.EXAMPLES.classes())
                    // required like every other layer: the benchmarks are not installed, but a test
                    // dependency of this module, which the reactor resolves without installing them
                    .layer(Module.BENCHMARKS.displayName()).definedBy(Module.BENCHMARKS.classes())

                    .whereLayer(Module.ROUTER.displayName()).mayOnlyBeAccessedByLayers(
                            Module.ENGINE.displayName(), Module.INFRASTRUCTURE.displayName(), Module.TESTKIT.displayName(),
                            Module.SPRING_BOOT.displayName(), Module.EXAMPLES.displayName(), Module.BENCHMARKS.displayName())
                    .whereLayer(Module.ENGINE.displayName()).mayOnlyBeAccessedByLayers(
                            // the adapters that drive the engine, and what runs them; not the broker,
                            // which uses only the domain and Kafka; the observer adapters use its SPI
                            Module.INFRASTRUCTURE.displayName(), Module.TESTKIT.displayName(),
                            Module.MICROMETER.displayName(), Module.OPENTELEMETRY.displayName(),
                            Module.SPRING_BOOT.displayName(),
                            Module.EXAMPLES.displayName(), Module.BENCHMARKS.displayName())
                    .whereLayer(Module.INFRASTRUCTURE.displayName()).mayOnlyBeAccessedByLayers(
                            Module.TESTKIT.displayName(), Module.SPRING_BOOT.displayName(), Module.EXAMPLES.displayName(),
                            Module.BENCHMARKS.displayName())
                    .whereLayer(Module.TESTKIT.displayName()).mayOnlyBeAccessedByLayers(
                            // a runnable example or a benchmark may start a test double; the broker,
                            // which uses only the domain and Kafka, may not, and the in-memory testkit
                            // may not use the broker, so that its users pull no Scala
                            Module.EXAMPLES.displayName(), Module.BENCHMARKS.displayName())
                    .whereLayer(Module.TESTKIT_BROKER.displayName()).mayOnlyBeAccessedByLayers(
                            Module.EXAMPLES.displayName(), Module.BENCHMARKS.displayName())
                    .whereLayer(Module.MICROMETER.displayName()).mayOnlyBeAccessedByLayers(
                            Module.SPRING_BOOT.displayName(), Module.EXAMPLES.displayName(), Module.BENCHMARKS.displayName())
                    // an adapter of Spring Boot on top of the others; applications use it
                    .whereLayer(Module.SPRING_BOOT.displayName()).mayOnlyBeAccessedByLayers(
                            Module.EXAMPLES.displayName(), Module.BENCHMARKS.displayName())
                    .whereLayer(Module.OPENTELEMETRY.displayName()).mayOnlyBeAccessedByLayers(
                            Module.SPRING_BOOT.displayName(), Module.EXAMPLES.displayName(), Module.BENCHMARKS.displayName())
                    .whereLayer(Module.EXAMPLES.displayName()).mayNotBeAccessedByAnyLayer()
                    .whereLayer(Module.BENCHMARKS.displayName()).mayNotBeAccessedByAnyLayer()
                    .as("modules should depend on each other only downwards:"
                            + " domain <- router <- engine <- infrastructure <- testkit, the testkit broker on"
                            + " the domain alone, the Spring Boot starter on the adapters, examples and benchmarks"
                            + " on top")
                    .because("production code must never depend on a test double,"
                            + " nor a port on the adapter that implements it")
                    .allowEmptyShould(false);

    /*
     * Every package is a slice, so this finds cycles between modules and between the packages of one
     * module alike. That includes a module's public package and its ..internal.. packages: internal
     * code that calls back into the public API which creates it is a cycle too; hand internal code
     * what it needs instead.
     */
    @ArchTest
    public static final ArchRule packages_are_free_of_cycles =
            slices().matching("io.kafkify.(**)")
                    .should().beFreeOfCycles()
                    .because("a cycle makes two packages one unit that can only be understood,"
                            + " tested and changed together")
                    .allowEmptyShould(false);

    @ArchTest
    public static final ArchRule every_class_belongs_to_a_known_module =
            classes().that().resideInAPackage(KAFKIFY)
                    .should().resideInAnyPackage(Arrays.stream(Module.values())
                            .map(Module::packages)
                            .toArray(String[]::new))
                    .because("the rules above know Kafkify's modules by their root packages;"
                            + " a class elsewhere would escape them (add a new module to Module)")
                    .allowEmptyShould(false);

    private KafkifyArchitecture() {
    }
}
