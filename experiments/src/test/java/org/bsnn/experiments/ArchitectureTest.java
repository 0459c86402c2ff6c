package org.bsnn.experiments;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependency arrows point towards the API: the API knows no plugin and no runner, the runner
 * reaches plugins only through the registry, and plugins do not know each other or the runner.
 * Checked on the compiled main classes of every module (all are on this module's test class path).
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bsnn");
  }

  @Test
  void apiImportsNoPluginRunnerOrDataset() {
    noClasses()
        .that()
        .resideInAPackage("org.bsnn.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.bsnn.plugins..", "org.bsnn.experiments..", "org.bsnn.datasets..")
        .check(classes);
  }

  @Test
  void runnerImportsNoPluginClass() {
    noClasses()
        .that()
        .resideInAPackage("org.bsnn.experiments..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.bsnn.plugins..", "org.bsnn.datasets..")
        .check(classes);
  }

  @Test
  void pluginsDependOnTheApiOnly() {
    List<String> modules =
        List.of(
            "models",
            "training",
            "binarization",
            "normalization",
            "conversion",
            "simulation",
            "optimization",
            "evaluation",
            "hardware",
            "interop");
    // a plugin module missing from the list would go unchecked
    Set<String> found =
        classes.stream()
            .map(JavaClass::getPackageName)
            .filter(p -> p.startsWith("org.bsnn.plugins."))
            .map(p -> p.split("\\.")[3])
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(modules), found, "plugin packages");
    for (String module : modules) {
      noClasses()
          .that()
          .resideInAPackage("org.bsnn.plugins." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.bsnn.experiments..", "org.bsnn.datasets..")
          .orShould()
          .dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "another plugin module",
                  c ->
                      c.getPackageName().startsWith("org.bsnn.plugins.")
                          && !c.getPackageName().startsWith("org.bsnn.plugins." + module)))
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void datasetsDependOnTheApiOnly() {
    noClasses()
        .that()
        .resideInAPackage("org.bsnn.datasets..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.bsnn.plugins..", "org.bsnn.experiments..")
        .allowEmptyShould(true)
        .check(classes);
  }
}
