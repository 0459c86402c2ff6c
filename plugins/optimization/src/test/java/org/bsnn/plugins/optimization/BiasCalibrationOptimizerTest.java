package org.bsnn.plugins.optimization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.data.Batch;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Calibration on a network whose conversion error is known: one IF layer (threshold 1, reset by
 * subtraction, starting at 0) fed a constant input a through a 1x1 conv, with a spread uniformly
 * over [0, 1) (a = (i + 1/2)/256). After T steps a neuron has fired floor(a T) times, so the
 * channel's mean rate falls short of the ANN's mean activation by exactly 1/(2T); a bias of 1/(2T)
 * turns every floor into rounding, whose mean error over this grid is 0.
 */
class BiasCalibrationOptimizerTest {

  private static final int T = 8;
  private static final int SIDE = 16;

  private static float[] grid() {
    float[] a = new float[SIDE * SIDE];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i + 0.5f) / a.length;
    }
    return a;
  }

  private static InMemoryDataSplit data() {
    return InMemoryDataSplit.of(new float[][] {grid()}, new int[] {0}, 1, SIDE, SIDE);
  }

  private static SpikingNetwork network() {
    Layer.Conv2d identity =
        new Layer.Conv2d(
            1,
            1,
            0,
            new Weights.FullPrecision(
                Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 1, 1)),
            null);
    double[][] readout = new double[2][SIDE * SIDE];
    readout[0][0] = 1;
    return new SpikingNetwork(
        "grid",
        new long[] {1, SIDE, SIDE},
        List.of(
            new SpikingNode(
                "if",
                List.of(new Projection(SpikingNetwork.INPUT, List.of(identity))),
                new Neuron.IntegrateAndFire(Nd4j.createFromArray(1f), ResetMode.SUBTRACT)),
            new SpikingNode(
                "out",
                List.of(
                    new Projection(
                        "if", List.of(new Layer.Flatten(), TestTensors.dense(readout, null)))),
                new Neuron.Integrator())),
        Encoding.DIRECT,
        Propagation.SAME_STEP,
        Readout.POTENTIAL,
        Map.of());
  }

  private static BiasCalibrationConfig config(BiasCalibrationConfig.Target target) {
    return new BiasCalibrationConfig(5, T, 4, target);
  }

  /** The mean over the grid of (spikes after T steps) / T minus a, for a constant bias b. */
  private static double meanError(double b) {
    double sum = 0;
    for (float a : grid()) {
      sum += Math.floor((a + b) * T) / T - a;
    }
    return sum / (SIDE * SIDE);
  }

  @Test
  void theBiasShiftCancelsTheFloorError() {
    assertEquals(-0.5 / T, meanError(0), 1e-9, "the uncalibrated error the test relies on");
    TestRunContext context = new TestRunContext(0);
    SpikingNetwork calibrated =
        new BiasCalibrationOptimizer(config(BiasCalibrationConfig.Target.BIAS))
            .prepare(network(), data(), context);
    Layer.Weighted conv =
        calibrated.nodes().get(0).inputs().get(0).ops().get(0).asWeighted().orElseThrow();
    double bias = conv.bias().getDouble(0);
    assertEquals(0.5 / T, bias, 1e-5);
    assertEquals(0, meanError(bias), 1e-4, "the calibrated SNN's mean matches the ANN");
    assertEquals(0.5 / T, ((Map<?, ?>) context.recordedProvenance().get("meanAbsShift")).get("if"));
    assertEquals(List.of("if"), context.recordedProvenance().get("calibratedLayers"));
    // the readout and the weights are untouched
    assertEquals(network().nodes().get(1), calibrated.nodes().get(1));
    assertEquals(1.0, conv.weights().shape()[0], 0);
  }

  @Test
  void thePotentialCorrectionStartsTheNeuronsAtHalfTheThreshold() {
    SpikingNetwork calibrated =
        new BiasCalibrationOptimizer(config(BiasCalibrationConfig.Target.POTENTIAL))
            .prepare(network(), data(), new TestRunContext(0));
    Neuron.IntegrateAndFire neuron = (Neuron.IntegrateAndFire) calibrated.nodes().get(0).neuron();
    // T times the mean error 1/(2T): the initial potential of Deng & Gu 2021 and Bu et al. 2022
    for (double v : TestTensors.values(neuron.initialPotential())) {
      assertEquals(0.5, v, 1e-4);
    }
    assertEquals(
        null,
        calibrated.nodes().get(0).inputs().get(0).ops().get(0).asWeighted().orElseThrow().bias());
  }

  @Test
  void withoutTrainingImagesItExplainsWhatItNeeds() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                new BiasCalibrationOptimizer(config(BiasCalibrationConfig.Target.BIAS))
                    .prepare(network(), new TestRunContext(0)));
    assertTrue(e.getMessage().contains("training"), e.getMessage());
  }

  @Test
  void theImageSubsetIsSeededDistinctAndInSplitOrder() {
    float[][] images = new float[50][4];
    int[] labels = new int[50];
    for (int i = 0; i < 50; i++) {
      images[i][0] = i;
      labels[i] = i % 10;
    }
    InMemoryDataSplit split = InMemoryDataSplit.of(images, labels, 1, 2, 2);
    float[] first = firstPixels(ImageSubset.draw(split, 12, new TestRunContext(1).random("x")));
    float[] same = firstPixels(ImageSubset.draw(split, 12, new TestRunContext(1).random("x")));
    float[] other = firstPixels(ImageSubset.draw(split, 12, new TestRunContext(2).random("x")));
    assertArrayEquals(first, same);
    assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(other));
    for (int i = 1; i < first.length; i++) {
      assertTrue(
          first[i] > first[i - 1], "distinct and ascending: " + java.util.Arrays.toString(first));
    }
    assertEquals(
        50, firstPixels(ImageSubset.draw(split, 500, new TestRunContext(1).random("x"))).length);
  }

  private static float[] firstPixels(org.bsnn.api.data.DataSplit split) {
    float[] out = new float[split.size()];
    var it = split.batches(5);
    int k = 0;
    while (it.hasNext()) {
      try (Batch b = it.next()) {
        float[] v = b.features().dup('c').data().asFloat();
        for (int r = 0; r < b.size(); r++) {
          out[k++] = v[r * 4];
        }
      }
    }
    return out;
  }
}
