package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkIO;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.plugins.models.VggBuilder;
import org.bsnn.plugins.models.VggSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialWeightsTest {

  @TempDir Path dir;

  @Test
  void sameStructureWithOtherWeightsLoads() {
    Network model = GradientTrainerTest.tiny("c4p-fc3", 1);
    NetworkIO.save(GradientTrainerTest.tiny("c4p-fc3", 2), dir.resolve("other-seed"));
    SavedNetwork saved = InitialWeights.load(dir.resolve("other-seed").toString(), model);
    assertEquals(GradientTrainerTest.tiny("c4p-fc3", 2), saved.network());
    assertNull(InitialWeights.firstDifference(model, saved.network()));
  }

  @Test
  void theFirstDifferenceIsNamed() {
    Network model = GradientTrainerTest.tiny("c4p-fc3", 1);
    NetworkIO.save(GradientTrainerTest.tiny("c8p-fc3", 1), dir.resolve("wider"));
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> InitialWeights.load(dir.resolve("wider").toString(), model));
    assertTrue(
        e.getMessage().contains("'conv1'")
            && e.getMessage().contains("[8, 1, 3, 3]")
            && e.getMessage().contains("[4, 1, 3, 3]")
            && e.getMessage().contains("wider"),
        e.getMessage());

    Network withBias =
        VggBuilder.build(
            "tiny",
            new long[] {1, 8, 8},
            VggSpec.parse("c4p-fc3"),
            new VggBuilder.Options(false, true, 0.1, true),
            new SplittableRandom(1));
    assertTrue(InitialWeights.firstDifference(model, withBias).contains("no bias"));
    assertTrue(
        InitialWeights.firstDifference(model, GradientTrainerTest.tiny("c4p-fc8-fc3", 1))
            .contains("'fc1'"));
    Network otherInput =
        VggBuilder.build(
            "tiny",
            new long[] {1, 10, 10},
            VggSpec.parse("c4p-fc3"),
            new VggBuilder.Options(false, true, 0.1, false),
            new SplittableRandom(1));
    assertTrue(InitialWeights.firstDifference(model, otherInput).startsWith("input"));
  }
}
