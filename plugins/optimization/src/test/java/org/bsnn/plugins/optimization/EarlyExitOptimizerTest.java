package org.bsnn.plugins.optimization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bsnn.api.snn.TimestepView;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class EarlyExitOptimizerTest {

  private static TimestepView view(int t, float[][] potential) {
    return new TimestepView(t, new int[potential.length], Nd4j.createFromArray(potential));
  }

  private static final float[][] POTENTIAL = {{5f, 4.5f, 0f}, {2f, -1f, 0f}, {9f, 1f, 1f}};

  @Test
  void maxPotentialRuleStopsSamplesAboveTheThreshold() {
    EarlyExitOptimizer exit =
        new EarlyExitOptimizer(new EarlyExitConfig(4.0, 1), EarlyExitOptimizer.Rule.MAX_POTENTIAL);
    assertArrayEquals(new boolean[] {true, false, true}, exit.onTimestep(view(2, POTENTIAL)));
  }

  @Test
  void marginRuleNeedsAClearWinner() { // margins 0.5, 2 (2 over 0), 8
    EarlyExitOptimizer exit =
        new EarlyExitOptimizer(new EarlyExitConfig(1.5, 1), EarlyExitOptimizer.Rule.MARGIN);
    assertArrayEquals(new boolean[] {false, true, true}, exit.onTimestep(view(2, POTENTIAL)));
  }

  @Test
  void nothingStopsBeforeMinTimesteps() {
    EarlyExitOptimizer exit =
        new EarlyExitOptimizer(new EarlyExitConfig(0.1, 5), EarlyExitOptimizer.Rule.MAX_POTENTIAL);
    assertNull(exit.onTimestep(view(4, POTENTIAL)));
  }

  @Test
  void badThresholdsFailAtValidation() {
    assertThrows(IllegalArgumentException.class, () -> new EarlyExitConfig(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new EarlyExitConfig(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new EarlyExitConfig(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> new EarlyExitConfig(1, 0));
  }
}
