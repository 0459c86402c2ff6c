package org.bsnn.plugins.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;

class PercentileNormalizerTest {

  private static final int IN = 6;
  private static final int HIDDEN = 8;

  private static double[][] weights(SplittableRandom r, int out, int in) {
    double[][] w = new double[out][in];
    for (double[] row : w) {
      for (int i = 0; i < in; i++) {
        row[i] = r.nextGaussian();
      }
    }
    return w;
  }

  private static final double[][] W1 = weights(new SplittableRandom(1), HIDDEN, IN);

  private static Network net() {
    return new Network(
        "p",
        new long[] {1, 1, IN},
        List.of(
            Node.of("flatten", new Layer.Flatten(), Network.INPUT),
            Node.of("fc1", TestTensors.dense(W1, null), "flatten"),
            Node.of("relu1", new Layer.Relu(), "fc1"),
            Node.of(
                "out",
                TestTensors.dense(weights(new SplittableRandom(2), 3, HIDDEN), null),
                "relu1")),
        "out");
  }

  private static float[][] images(int n) {
    SplittableRandom r = new SplittableRandom(3);
    float[][] x = new float[n][IN];
    for (float[] row : x) {
      for (int i = 0; i < IN; i++) {
        row[i] = (float) r.nextDouble();
      }
    }
    return x;
  }

  /** All post-ReLU activations of fc1, computed by hand in float as ND4J does. */
  private static float[] activations(float[][] x, boolean zeros) {
    List<Float> out = new ArrayList<>();
    for (float[] row : x) {
      for (double[] w : W1) {
        float z = 0;
        for (int i = 0; i < IN; i++) {
          z += (float) w[i] * row[i];
        }
        float a = Math.max(0f, z);
        if (zeros || a != 0f) {
          out.add(a);
        }
      }
    }
    float[] f = new float[out.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = out.get(i);
    }
    return f;
  }

  @Test
  void lambdaIsNumpysPercentileOfAllActivationsZerosIncluded() {
    float[][] x = images(300);
    double lambda =
        new PercentileNormalizer(new PercentileConfig(99.0, 300, true, 16))
            .calibrate(net(), InMemoryDataSplit.flat(x, new int[x.length]), new TestRunContext(0))
            .of("relu1")
            .getDouble(0);
    assertEquals(TopValuesTest.exact(activations(x, true), 99.0), lambda, 1e-5);
  }

  @Test
  void excludingZerosTakesThePercentileOfTheActiveValuesOnly() {
    float[][] x = images(200);
    // more than half the activations are zero, so the median with zeros is 0: no usable threshold
    assertEquals(0.0, TopValuesTest.exact(activations(x, true), 50.0), 0.0);
    UserFacingException zero =
        assertThrows(
            UserFacingException.class,
            () ->
                new PercentileNormalizer(new PercentileConfig(50.0, 200, true, 32))
                    .calibrate(
                        net(),
                        InMemoryDataSplit.flat(x, new int[x.length]),
                        new TestRunContext(0)));
    assertTrue(zero.getMessage().contains("includeZeros: false"), zero.getMessage());
    double without =
        new PercentileNormalizer(new PercentileConfig(50.0, 200, false, 32))
            .calibrate(net(), InMemoryDataSplit.flat(x, new int[x.length]), new TestRunContext(0))
            .of("relu1")
            .getDouble(0);
    assertEquals(TopValuesTest.exact(activations(x, false), 50.0), without, 1e-5);
    assertTrue(without > 0, "median of the active values " + without);
  }

  @Test
  void usesOnlyTheFirstSamplesImages() {
    float[][] x = images(100);
    InMemoryDataSplit split = InMemoryDataSplit.flat(x, new int[x.length]);
    double lambda =
        new PercentileNormalizer(new PercentileConfig(100.0, 10, true, 4))
            .calibrate(net(), split, new TestRunContext(0))
            .of("relu1")
            .getDouble(0);
    assertEquals(
        TopValuesTest.exact(activations(java.util.Arrays.copyOf(x, 10), true), 100.0),
        lambda,
        1e-5);
  }

  @Test
  void aLayerThatNeverActivatesIsAClearError() {
    float[][] x = new float[5][IN]; // all-zero input: fc1 without bias gives 0 everywhere
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                new PercentileNormalizer(new PercentileConfig(99.7, 5, false, 4))
                    .calibrate(
                        net(), InMemoryDataSplit.flat(x, new int[5]), new TestRunContext(0)));
    assertTrue(
        e.getMessage().contains("relu1") && e.getMessage().contains("calibration"), e.getMessage());
  }

  @Test
  void configRejectsOutOfRangeValues() {
    assertThrows(IllegalArgumentException.class, () -> new PercentileConfig(0, 10, true, 1));
    assertThrows(IllegalArgumentException.class, () -> new PercentileConfig(100.5, 10, true, 1));
    assertThrows(IllegalArgumentException.class, () -> new PercentileConfig(99, 0, true, 1));
  }
}
