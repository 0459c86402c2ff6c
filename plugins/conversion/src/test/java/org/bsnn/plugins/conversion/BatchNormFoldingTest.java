package org.bsnn.plugins.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Folding a batch norm into the layer before it must equal running the two layers one after the
 * other.
 */
class BatchNormFoldingTest {

  private static Layer.BatchNorm batchNorm(long seed, int channels) {
    INDArray gamma =
        TestTensors.uniform(seed, -2, 2, channels); // negative gammas flip binary signs
    return new Layer.BatchNorm(
        gamma,
        TestTensors.randn(seed + 1, 0.5, channels),
        TestTensors.randn(seed + 2, 0.5, channels),
        TestTensors.uniform(seed + 3, 0.1, 3, channels),
        1e-3);
  }

  private static INDArray binarySigns(long seed, long... shape) {
    INDArray signs = Transforms.sign(TestTensors.randn(seed, 1, shape), true);
    signs.addi(signs.eq(0).castTo(signs.dataType()));
    return signs;
  }

  private static void assertFoldEqualsForward(Layer weighted, Layer.BatchNorm bn, INDArray x) {
    INDArray expected = LayerOps.apply(bn, LayerOps.apply(weighted, x));
    INDArray actual = LayerOps.apply(BatchNormFolding.fold(weighted, bn), x);
    assertArrayEquals(expected.shape(), actual.shape());
    assertArrayEquals(TestTensors.values(expected), TestTensors.values(actual), 1e-4);
  }

  @Test
  void foldedConvEqualsConvThenBatchNormWithAndWithoutBias() {
    INDArray x = TestTensors.uniform(1, -1, 1, 4, 3, 6, 6);
    INDArray w = TestTensors.randn(2, 0.4, 5, 3, 3, 3);
    assertFoldEqualsForward(
        new Layer.Conv2d(3, 1, 1, new Weights.FullPrecision(w), TestTensors.randn(3, 0.3, 5)),
        batchNorm(4, 5),
        x);
    assertFoldEqualsForward(
        new Layer.Conv2d(3, 2, 0, new Weights.FullPrecision(w), null), batchNorm(5, 5), x);
  }

  @Test
  void foldedDenseEqualsDenseThenBatchNorm() {
    INDArray x = TestTensors.uniform(6, -1, 1, 7, 10);
    Layer.Dense dense =
        new Layer.Dense(
            new Weights.FullPrecision(TestTensors.randn(7, 0.3, 4, 10)),
            TestTensors.randn(8, 0.2, 4));
    assertFoldEqualsForward(dense, batchNorm(9, 4), x);
  }

  @Test
  void binaryWeightsStayBinaryAndFoldExactly() {
    INDArray x = TestTensors.uniform(10, -1, 1, 3, 2, 5, 5);
    INDArray alpha = TestTensors.uniform(11, 0.1, 1, 4);
    Layer.Conv2d conv =
        new Layer.Conv2d(
            3,
            1,
            1,
            new Weights.Binary(binarySigns(12, 4, 2, 3, 3), alpha),
            TestTensors.randn(13, 0.1, 4));
    Layer.BatchNorm bn = batchNorm(14, 4);
    assertFoldEqualsForward(conv, bn, x);
    Weights.Binary folded =
        assertInstanceOf(
            Weights.Binary.class, ((Layer.Conv2d) BatchNormFolding.fold(conv, bn)).weights());
    folded.validateValues();
    double[] gamma = bn.gamma().toDoubleVector();
    for (int o = 0; o < 4; o++) {
      double flip = Math.signum(gamma[o]);
      assertEquals(
          flip * conv.weights().dense().getDouble(o, 0, 0, 0) / alpha.getDouble(o),
          folded.signs().getDouble(o, 0, 0, 0),
          0.0,
          "channel " + o);
    }
  }

  @Test
  void aZeroGammaCannotFoldIntoBinaryWeights() {
    Layer.Dense dense =
        new Layer.Dense(new Weights.Binary(binarySigns(15, 2, 3), TestTensors.vector(1, 1)), null);
    Layer.BatchNorm bn =
        new Layer.BatchNorm(
            TestTensors.vector(1, 0),
            TestTensors.vector(0, 0),
            TestTensors.vector(0, 0),
            TestTensors.vector(1, 1),
            1e-5);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BatchNormFolding.fold(dense, bn));
    assertTrue(e.getMessage().contains("channel 1"), e.getMessage());
  }

  @Test
  void channelCountsMustAgree() {
    Layer.Dense dense =
        new Layer.Dense(new Weights.FullPrecision(TestTensors.randn(16, 1, 3, 2)), null);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BatchNormFolding.fold(dense, batchNorm(17, 4)));
    assertTrue(
        e.getMessage().contains("4 channels") && e.getMessage().contains("3 outputs"),
        e.getMessage());
  }
}
