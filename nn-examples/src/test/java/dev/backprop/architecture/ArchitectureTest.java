package dev.backprop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.backprop.core.PlantedContractViolation;
import dev.backprop.core.train.Model;
import org.junit.jupiter.api.Test;

/**
 * The direction between the project's concerns, checked on the compiled classes of every module
 * (this module's test class path holds them all): the contracts depend on nothing else of ours,
 * the random generator knows nothing of files, nn-core's packages form layers, the libraries
 * never reach the application module or Logback. ARCHITECTURE.md draws the same picture.
 */
class ArchitectureTest {

    private static final JavaClasses PROJECT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // nn-core's shared test fixtures
            .importPackages("dev.backprop");

    /** The contracts (Layer, Loss, Optimizer, Parameter, Sequential, GradientCheck, ...). */
    static final ArchRule CONTRACTS_DEPEND_ON_NOTHING_ELSE_OF_OURS = classes()
            .that().resideInAPackage("dev.backprop.core")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.backprop.core", "java..", "org.ejml..")
            .as("the contracts in dev.backprop.core depend on nothing else of ours");

    static final ArchRule RANDOM_KNOWS_NOTHING_OF_FILES = noClasses()
            .that().haveSimpleNameStartingWith("NumpyRandom").or().haveSimpleName("PreciseLog")
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "dev.backprop.core.io..",
                    "dev.backprop.core.component..")
            .as("the NumPy-compatible generator knows nothing of files or configurations");

    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true) // nn-bench is not on this class path; the planted test imports two classes
            .layer("contracts").definedBy("dev.backprop.core")
            .layer("component").definedBy("dev.backprop.core.component..")
            .layer("linalg").definedBy("dev.backprop.core.linalg..")
            .layer("data").definedBy("dev.backprop.core.data..")
            .layer("metrics").definedBy("dev.backprop.core.metrics..")
            .layer("train").definedBy("dev.backprop.core.train..")
            .layer("io").definedBy("dev.backprop.core.io..")
            .layer("nn-layers").definedBy("dev.backprop.layers..")
            .layer("nn-optim").definedBy("dev.backprop.optim..")
            .layer("nn-data").definedBy("dev.backprop.data..")
            .layer("nn-blas").definedBy("dev.backprop.blas..")
            .layer("nn-spark").definedBy("dev.backprop.spark")
            .layer("nn-spark tables").definedBy("dev.backprop.spark.tables..")
            .layer("nn-onnx").definedBy("dev.backprop.onnx..")
            .layer("nn-examples").definedBy("dev.backprop.examples..")
            .layer("nn-bench").definedBy("dev.backprop.bench..")
            .whereLayer("contracts").mayNotAccessAnyLayer()
            .whereLayer("component").mayOnlyAccessLayers("contracts")
            .whereLayer("linalg").mayOnlyAccessLayers("contracts")
            .whereLayer("data").mayOnlyAccessLayers("contracts")
            .whereLayer("metrics").mayOnlyAccessLayers("contracts", "component")
            .whereLayer("train").mayOnlyAccessLayers("contracts", "component", "linalg", "data", "metrics")
            .whereLayer("io").mayOnlyAccessLayers("contracts", "component", "data", "metrics", "train")
            .whereLayer("nn-layers").mayOnlyAccessLayers("contracts", "component", "linalg")
            .whereLayer("nn-optim").mayOnlyAccessLayers("contracts", "component", "train")
            .whereLayer("nn-data").mayOnlyAccessLayers("contracts", "component", "data", "metrics", "train", "io")
            .whereLayer("nn-blas").mayOnlyAccessLayers("contracts", "linalg")
            .whereLayer("nn-spark").mayOnlyAccessLayers("contracts", "component", "data", "metrics", "train")
            .whereLayer("nn-spark tables").mayOnlyAccessLayers("contracts", "component", "data", "metrics", "train",
                    "nn-data", "nn-spark")
            .whereLayer("nn-onnx").mayOnlyAccessLayers("contracts", "linalg", "train", "io", "nn-layers", "nn-data")
            .whereLayer("nn-examples").mayNotBeAccessedByAnyLayer()
            .whereLayer("nn-bench").mayNotBeAccessedByAnyLayer()
            .as("modules and nn-core's packages depend one way: contracts, then component, linalg, data, metrics, "
                    + "then train, then io; Spark's training knows no tables, its tables use its training; the "
                    + "libraries never reach nn-examples or nn-bench");

    static final ArchRule NO_CYCLES = slices().matching("dev.backprop.(**)").should().beFreeOfCycles();

    static final ArchRule LOGBACK_ONLY_IN_THE_APPLICATION = noClasses()
            .that().resideOutsideOfPackages("dev.backprop.examples..")
            .should().dependOnClassesThat().resideInAPackage("ch.qos.logback..")
            .as("nothing outside nn-examples imports Logback: the libraries log through SLF4J's API");

    @Test
    void theContractsDependOnNothingElseOfOurs() {
        CONTRACTS_DEPEND_ON_NOTHING_ELSE_OF_OURS.check(PROJECT);
    }

    @Test
    void theRandomGeneratorKnowsNothingOfFiles() {
        RANDOM_KNOWS_NOTHING_OF_FILES.check(PROJECT);
    }

    @Test
    void concernsAndModulesDependOneWay() {
        LAYERS.check(PROJECT);
        NO_CYCLES.check(PROJECT);
    }

    @Test
    void logbackStaysInTheApplication() {
        LOGBACK_ONLY_IN_THE_APPLICATION.check(PROJECT);
    }

    @Test
    void theRulesSeeEveryModule() {
        for (String module : new String[] {"dev.backprop.core.train.Model", "dev.backprop.layers.Dense",
                "dev.backprop.optim.Adam", "dev.backprop.data.BookDatasets", "dev.backprop.blas.OpenBlasGemm",
                "dev.backprop.spark.SparkTrainer", "dev.backprop.spark.tables.SparkPreprocessing",
                "dev.backprop.data.tabular.TabularRules", "dev.backprop.examples.cli.BackpropCommand"}) {
            assertTrue(PROJECT.contain(module), module + " is among the classes checked");
        }
    }

    /** A contract that imports the training loop, planted in the test sources, breaks the rules. */
    @Test
    void aPlantedWrongImportFailsTheRules() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedContractViolation.class, Model.class);
        EvaluationResult contracts = CONTRACTS_DEPEND_ON_NOTHING_ELSE_OF_OURS.evaluate(planted);
        assertTrue(contracts.hasViolation(), "the contracts rule catches it");
        assertTrue(contracts.getFailureReport().toString().contains("PlantedContractViolation"),
                contracts.getFailureReport().toString());
        assertTrue(LAYERS.evaluate(planted).hasViolation(), "the layers rule catches it");
        assertFalse(LAYERS.evaluate(new ClassFileImporter().importClasses(Model.class)).hasViolation(),
                "Model alone breaks nothing");
    }
}
