package org.bsnn.plugins.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerScales;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;

class MaxActivationNormalizerTest {

  // one hidden layer: relu1 = relu(W1 x + b1), then a linear output
  private static final double[][] W1 = {{1.0, -0.5, 0.25}, {-1.0, 2.0, 0.0}};
  private static final double[] B1 = {0.1, -0.2};

  private static Network oneLayer(double[][] w1, double[] b1) {
    return new Network(
        "one-layer",
        new long[] {1, 1, 3},
        List.of(
            Node.of("flatten", new Layer.Flatten(), Network.INPUT),
            Node.of("fc1", TestTensors.dense(w1, b1), "flatten"),
            Node.of("relu1", new Layer.Relu(), "fc1"),
            Node.of("out", TestTensors.dense(new double[][] {{1, 1}, {1, -1}}, null), "relu1")),
        "out");
  }

  private static final float[][] IMAGES = {
    {0.2f, 0.9f, 0.1f},
    {1.0f, 0.0f, 0.5f},
    {0.3f, 0.3f, 0.3f},
    {0.0f, 1.5f, 0.0f}, // the largest activation: relu(-1*0 + 2*1.5 - 0.2) = 2.8
    {0.6f, 0.1f, 0.9f},
  };

  /** max over images and neurons of relu(W x + b), by hand. */
  private static double expectedMax(double[][] w, double[] b, float[][] images) {
    double max = 0;
    for (float[] x : images) {
      for (int o = 0; o < w.length; o++) {
        double z = b[o];
        for (int i = 0; i < x.length; i++) {
          z += w[o][i] * x[i];
        }
        max = Math.max(max, Math.max(0, z));
      }
    }
    return max;
  }

  private static InMemoryDataSplit split(float[][] images) {
    return InMemoryDataSplit.flat(images, new int[images.length]);
  }

  @Test
  void lambdaIsTheMaximumPostReluActivationOverTheCalibrationImages() {
    TestRunContext context = new TestRunContext(0);
    LayerScales scales =
        new MaxActivationNormalizer(new MaxActivationConfig(100, 2))
            .calibrate(oneLayer(W1, B1), split(IMAGES), context);
    assertEquals(
        Set.of("relu1", "out"),
        scales.byNode().keySet(),
        "every ReLU, and the output (for a spike-count readout)");
    assertEquals(1, scales.of("relu1").length());
    double expected = expectedMax(W1, B1, IMAGES);
    assertEquals(2.8, expected, 1e-9); // the hand-built data is what the test says it is
    assertEquals(expected, scales.of("relu1").getDouble(0), 1e-6);
    assertEquals(
        Map.of("relu1", scales.of("relu1").getDouble(0)),
        context.recordedProvenance().get("lambda"));
    assertEquals(IMAGES.length, context.recordedProvenance().get("calibrationImages"));
  }

  /**
   * The output's lambda (for a spike-count readout) is its largest activation: out = [a0 + a1, a0 -
   * a1] of relu1.
   */
  @Test
  void theOutputGetsItsLargestActivation() {
    TestRunContext context = new TestRunContext(0);
    LayerScales scales =
        new MaxActivationNormalizer(new MaxActivationConfig(100, 2))
            .calibrate(oneLayer(W1, B1), split(IMAGES), context);
    double expected = 0;
    for (float[] x : IMAGES) {
      double a0 = Math.max(0, B1[0] + W1[0][0] * x[0] + W1[0][1] * x[1] + W1[0][2] * x[2]);
      double a1 = Math.max(0, B1[1] + W1[1][0] * x[0] + W1[1][1] * x[1] + W1[1][2] * x[2]);
      expected = Math.max(expected, Math.max(a0 + a1, a0 - a1));
    }
    assertEquals(expected, scales.of("out").getDouble(0), 1e-6);
    assertEquals(expected, (double) context.recordedProvenance().get("outputLambda"), 1e-6);
  }

  @Test
  void anOutputThatIsNeverPositiveGetsNoLambda() {
    Network negative =
        new Network(
            "negative",
            new long[] {1, 1, 3},
            List.of(
                Node.of("flatten", new Layer.Flatten(), Network.INPUT),
                Node.of("fc1", TestTensors.dense(W1, B1), "flatten"),
                Node.of("relu1", new Layer.Relu(), "fc1"),
                Node.of(
                    "out",
                    TestTensors.dense(new double[][] {{-1, -1}}, new double[] {-0.5}),
                    "relu1")),
            "out");
    LayerScales scales =
        new MaxActivationNormalizer(new MaxActivationConfig(100, 2))
            .calibrate(negative, split(IMAGES), new TestRunContext(0));
    assertEquals(Set.of("relu1"), scales.byNode().keySet());
  }

  @Test
  void theResultDoesNotDependOnTheBatchSize() {
    double one =
        new MaxActivationNormalizer(new MaxActivationConfig(5, 1))
            .calibrate(oneLayer(W1, B1), split(IMAGES), new TestRunContext(0))
            .of("relu1")
            .getDouble(0);
    double all =
        new MaxActivationNormalizer(new MaxActivationConfig(5, 64))
            .calibrate(oneLayer(W1, B1), split(IMAGES), new TestRunContext(0))
            .of("relu1")
            .getDouble(0);
    assertEquals(one, all, 0.0);
  }

  @Test
  void calibrationUsesOnlyTheFirstSamplesImages() {
    InMemoryDataSplit data = split(IMAGES);
    TestRunContext context = new TestRunContext(0);
    LayerScales scales =
        new MaxActivationNormalizer(new MaxActivationConfig(3, 2))
            .calibrate(oneLayer(W1, B1), data, context);
    float[][] firstThree = {IMAGES[0], IMAGES[1], IMAGES[2]};
    double expected = expectedMax(W1, B1, firstThree);
    assertTrue(expected < 2.8, "the fourth image would change lambda");
    assertEquals(expected, scales.of("relu1").getDouble(0), 1e-6);
    assertEquals(3, data.imagesServed(), "images read from the calibration split");
    assertEquals(3, context.recordedProvenance().get("calibrationImages"));
  }

  @Test
  void everyReluGetsItsOwnLambda() {
    Network net =
        new Network(
            "two-layer",
            new long[] {1, 1, 3},
            List.of(
                Node.of("flatten", new Layer.Flatten(), Network.INPUT),
                Node.of("fc1", TestTensors.dense(W1, B1), "flatten"),
                Node.of("relu1", new Layer.Relu(), "fc1"),
                Node.of("fc2", TestTensors.dense(new double[][] {{3, 0}, {0, 0.5}}, null), "relu1"),
                Node.of("relu2", new Layer.Relu(), "fc2"),
                Node.of("out", TestTensors.dense(new double[][] {{1, 1}}, null), "relu2")),
            "out");
    LayerScales scales =
        new MaxActivationNormalizer(new MaxActivationConfig(100, 4))
            .calibrate(net, split(IMAGES), new TestRunContext(0));
    assertEquals(Set.of("relu1", "relu2", "out"), scales.byNode().keySet());
    // relu2 = relu(diag(3, 0.5) relu1): its max is max(3 * max a1[0], 0.5 * max a1[1])
    double maxA0 = 0;
    double maxA1 = 0;
    for (float[] x : IMAGES) {
      maxA0 =
          Math.max(maxA0, Math.max(0, B1[0] + W1[0][0] * x[0] + W1[0][1] * x[1] + W1[0][2] * x[2]));
      maxA1 =
          Math.max(maxA1, Math.max(0, B1[1] + W1[1][0] * x[0] + W1[1][1] * x[1] + W1[1][2] * x[2]));
    }
    assertEquals(Math.max(maxA0, maxA1), scales.of("relu1").getDouble(0), 1e-6);
    assertEquals(Math.max(3 * maxA0, 0.5 * maxA1), scales.of("relu2").getDouble(0), 1e-6);
  }

  @Test
  void aReluThatNeverActivatesIsAnErrorNamingTheLayerAndSuggestingMoreSamples() {
    // all inputs are >= 0 and every weight and bias is negative: relu1 is always 0
    double[][] dead = {{-1, -1, -1}, {-0.5, -2, -0.1}};
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                new MaxActivationNormalizer(new MaxActivationConfig(4, 2))
                    .calibrate(
                        oneLayer(dead, new double[] {-0.1, -0.1}),
                        split(IMAGES),
                        new TestRunContext(0)));
    assertTrue(e.getMessage().contains("'relu1'"), e.getMessage());
    assertTrue(e.getMessage().contains("samples"), e.getMessage());
    assertTrue(e.getMessage().contains("4 calibration images"), e.getMessage());
  }

  @Test
  void oneDeadNeuronInALiveLayerIsFine() {
    double[][] halfDead = {{1, 1, 1}, {-1, -1, -1}};
    LayerScales scales =
        new MaxActivationNormalizer(new MaxActivationConfig(5, 5))
            .calibrate(
                oneLayer(halfDead, new double[] {0, 0}), split(IMAGES), new TestRunContext(0));
    assertEquals(
        expectedMax(halfDead, new double[] {0, 0}, IMAGES), scales.of("relu1").getDouble(0), 1e-6);
  }
}
