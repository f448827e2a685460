package io.kafkify.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * Checks Kafkify's production classes (every module on this module's test classpath) against the
 * rules of {@link KafkifyArchitecture}. Test classes are left out: the fixtures that prove the rules
 * fail sit in the modules' packages on purpose.
 */
@AnalyzeClasses(packages = "io.kafkify", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureRulesTest {

    @ArchTest
    static final ArchTests kafkify_architecture = ArchTests.in(KafkifyArchitecture.class);
}
