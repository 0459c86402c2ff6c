package org.bsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.api.Test;

/**
 * {@link Layer} and {@link Weights} are sealed so that a new layer or weight type is a compile
 * error wherever it must be handled. That only holds while main code dispatches on them with
 * exhaustive pattern switches: an {@code instanceof} test still compiles and silently skips the new
 * type. Checked on the compiled main classes of every module (all are on this module's test class
 * path), lambdas included, so imports and qualified or simple names make no difference.
 */
class SealedDispatchTest {

  @Test
  void mainCodeDispatchesOnLayersAndWeightsBySwitchOnly() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bsnn");
    // An empty import (say, a changed class path) would find nothing and pass: require the classes
    // that dispatch the most, from the API and from a plugin.
    for (String name :
        List.of(
            "org.bsnn.api.network.LayerOps",
            "org.bsnn.api.network.NetworkIO",
            "org.bsnn.plugins.conversion.IfNeuronConverter",
            "org.bsnn.plugins.training.SameDiffNetwork")) {
      assertTrue(
          classes.contain(name), "the scan did not import " + name + "; check the test class path");
    }
    List<String> found = instanceofOnSealedTypes(classes).stream().sorted().toList();
    assertTrue(
        found.isEmpty(),
        () ->
            "use an exhaustive switch over the sealed type (or a method on it, such as"
                + " Layer.asWeighted or Weights.isBinary) instead of instanceof, so that a new layer or weight type is a"
                + " compile error here:\n  "
                + String.join("\n  ", found));
  }

  @Test
  void theScanFindsInstanceofOnLayersAndWeightsAlsoInLambdas() {
    List<String> found =
        instanceofOnSealedTypes(new ClassFileImporter().importClasses(Fixture.class));
    assertEquals(3, found.size(), found.toString());
    assertTrue(
        found.stream().anyMatch(v -> v.endsWith("instanceof " + Layer.Relu.class.getName())),
        found.toString());
    assertTrue(
        found.stream().anyMatch(v -> v.endsWith("instanceof " + Layer.Weighted.class.getName())),
        found.toString());
    assertTrue(
        found.stream().anyMatch(v -> v.endsWith("instanceof " + Weights.Binary.class.getName())),
        found.toString());
  }

  /**
   * "owner.method(File.java:line) instanceof type" for every instanceof on a Layer or Weights type.
   */
  private static List<String> instanceofOnSealedTypes(JavaClasses classes) {
    List<String> found = new ArrayList<>();
    for (JavaClass owner : classes) {
      for (JavaCodeUnit unit : owner.getCodeUnits()) {
        for (InstanceofCheck check : unit.getInstanceofChecks()) {
          JavaClass type = check.getRawType();
          if (type.isAssignableTo(Layer.class) || type.isAssignableTo(Weights.class)) {
            found.add(
                owner.getName()
                    + "."
                    + unit.getName()
                    + "("
                    + check.getSourceCodeLocation().getSourceFileName()
                    + ":"
                    + check.getLineNumber()
                    + ") instanceof "
                    + type.getName());
          }
        }
      }
    }
    return found;
  }

  /** What the scan must catch: in a method body, in a lambda, and on a sealed sub-family. */
  @SuppressWarnings("unused")
  private static final class Fixture {
    static long relus(List<Node> nodes) {
      return nodes.stream().filter(n -> n.layer() instanceof Layer.Relu).count();
    }

    static boolean binaryWeighted(Layer layer) {
      return layer instanceof Layer.Weighted w && w.weights() instanceof Weights.Binary;
    }

    static boolean nonNetwork(Object o) {
      return o instanceof String;
    }
  }
}
