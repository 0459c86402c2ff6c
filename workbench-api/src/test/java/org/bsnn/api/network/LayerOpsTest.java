package org.bsnn.api.network;

import static org.bsnn.api.network.TestArrays.arange;
import static org.bsnn.api.network.TestArrays.maxDiff;
import static org.bsnn.api.network.TestArrays.naiveConv;
import static org.bsnn.api.network.TestArrays.naiveDense;
import static org.bsnn.api.network.TestArrays.naivePool;
import static org.bsnn.api.network.TestArrays.positive;
import static org.bsnn.api.network.TestArrays.randn;
import static org.bsnn.api.network.TestArrays.signs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LayerOpsTest {

  private static final double TOL = 1e-4;

  @ParameterizedTest(name = "stride {0}, padding {1}, kernel {2}, bias {3}")
  @CsvSource({"1,0,3,true", "1,1,3,true", "2,0,3,true", "2,1,3,false", "1,0,1,true", "2,1,2,true"})
  void convMatchesNaiveLoops(int stride, int padding, int kernel, boolean withBias) {
    // Non-square input and in != out channels, so a wrong weight layout cannot pass by symmetry.
    INDArray x = randn(1, 2, 3, 7, 6);
    INDArray w = randn(2, 4, 3, kernel, kernel);
    INDArray b = withBias ? randn(3, 4) : null;
    INDArray before = x.dup();
    INDArray y =
        LayerOps.apply(
            new Layer.Conv2d(kernel, stride, padding, new Weights.FullPrecision(w), b), x);
    INDArray expected = naiveConv(x, w, b, stride, padding);
    assertTrue(maxDiff(expected, y) < TOL, "max diff " + maxDiff(expected, y));
    assertEquals(before, x, "input unchanged");
    assertFalse(x.wasClosed());
  }

  @ParameterizedTest(name = "stride {0}, padding {1}")
  @CsvSource({"1,0", "1,1", "2,0", "2,1"})
  void binaryConvUsesSignsTimesAlpha(int stride, int padding) {
    INDArray x = randn(4, 2, 3, 6, 6);
    INDArray s = signs(5, 4, 3, 3, 3);
    INDArray alpha = positive(6, 4);
    INDArray b = randn(7, 4);
    Weights.Binary weights = new Weights.Binary(s, alpha);
    INDArray y = LayerOps.apply(new Layer.Conv2d(3, stride, padding, weights, b), x);
    INDArray expected = naiveConv(x, weights.dense(), b, stride, padding);
    assertTrue(maxDiff(expected, y) < TOL, "max diff " + maxDiff(expected, y));
    assertFalse(s.wasClosed());
    assertFalse(alpha.wasClosed());
  }

  @Test
  void denseIsXTimesWTransposedPlusBias() {
    INDArray x = randn(8, 5, 6);
    INDArray w = randn(9, 4, 6);
    INDArray b = randn(10, 4);
    INDArray y = LayerOps.apply(new Layer.Dense(new Weights.FullPrecision(w), b), x);
    assertTrue(maxDiff(naiveDense(x, w, b), y) < TOL);

    Weights.Binary bw = new Weights.Binary(signs(11, 4, 6), positive(12, 4));
    INDArray yb = LayerOps.apply(new Layer.Dense(bw, null), x);
    assertTrue(maxDiff(naiveDense(x, bw.dense(), null), yb) < TOL);
  }

  @Test
  void denseOnImageInputAsksForFlatten() {
    Layer.Dense dense = new Layer.Dense(new Weights.FullPrecision(randn(1, 2, 12)), null);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LayerOps.apply(dense, randn(2, 1, 3, 2, 2)));
    assertTrue(e.getMessage().contains("flatten"), e.getMessage());
  }

  @Test
  void avgPoolDividesByTheFullWindow() {
    INDArray x = arange(1, 1, 4, 4);
    INDArray y = LayerOps.apply(new Layer.AvgPool2d(2, 2), x);
    // windows {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}
    assertArrayEquals(new long[] {1, 1, 2, 2}, y.shape());
    assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, y.data().asFloat(), 1e-6f);
  }

  @Test
  void maxPoolTakesTheWindowMaximum() {
    INDArray x = arange(1, 1, 4, 4).neg();
    INDArray y = LayerOps.apply(new Layer.MaxPool2d(2, 2), x);
    assertArrayEquals(new float[] {0f, -2f, -8f, -10f}, y.data().asFloat(), 1e-6f);
  }

  @ParameterizedTest(name = "kernel {0}, stride {1}")
  @CsvSource({"3,2", "2,1", "3,3"})
  void poolingMatchesNaiveLoopsWithOverlapAndRemainders(int kernel, int stride) {
    INDArray x = randn(13, 2, 3, 7, 8);
    assertTrue(
        maxDiff(
                naivePool(x, kernel, stride, false),
                LayerOps.apply(new Layer.AvgPool2d(kernel, stride), x))
            < TOL);
    assertTrue(
        maxDiff(
                naivePool(x, kernel, stride, true),
                LayerOps.apply(new Layer.MaxPool2d(kernel, stride), x))
            < TOL);
  }

  @Test
  void batchNormAppliesTheInferenceFormulaPerChannel() {
    INDArray gamma = randn(20, 3), beta = randn(21, 3), mean = randn(22, 3), var = positive(23, 3);
    double eps = 1e-3;
    Layer.BatchNorm bn = new Layer.BatchNorm(gamma, beta, mean, var, eps);

    INDArray x4 = randn(24, 2, 3, 2, 2);
    INDArray y4 = LayerOps.apply(bn, x4);
    for (long i = 0; i < x4.length(); i++) {
      long[] idx = org.nd4j.linalg.api.shape.Shape.ind2subC(x4, i);
      int c = (int) idx[1];
      double expected =
          gamma.getDouble(c)
                  * (x4.getDouble(i) - mean.getDouble(c))
                  / Math.sqrt(var.getDouble(c) + eps)
              + beta.getDouble(c);
      assertEquals(expected, y4.getDouble(i), TOL);
    }

    INDArray x2 = randn(25, 4, 3);
    INDArray y2 = LayerOps.apply(bn, x2);
    for (int n = 0; n < 4; n++) {
      for (int c = 0; c < 3; c++) {
        double expected =
            gamma.getDouble(c)
                    * (x2.getDouble(n, c) - mean.getDouble(c))
                    / Math.sqrt(var.getDouble(c) + eps)
                + beta.getDouble(c);
        assertEquals(expected, y2.getDouble(n, c), TOL);
      }
    }
  }

  @Test
  void flattenKeepsCOrderLikeTorchFlatten1() {
    INDArray x = arange(2, 3, 2, 2);
    INDArray y = LayerOps.apply(new Layer.Flatten(), x);
    assertArrayEquals(new long[] {2, 12}, y.shape());
    assertArrayEquals(arange(24).data().asFloat(), y.dup('c').data().asFloat(), 0f);
    // the result owns its buffer: closing the input must not affect it
    x.close();
    assertEquals(23f, y.getFloat(1, 11), 0f);
  }

  @Test
  void flattenOfAnFOrderInputStillUsesCOrder() {
    INDArray x = arange(2, 3, 2, 2).dup('f');
    INDArray y = LayerOps.apply(new Layer.Flatten(), x);
    assertArrayEquals(arange(24).data().asFloat(), y.dup('c').data().asFloat(), 0f);
  }

  @Test
  void reluDropoutAndAddReturnNewArrays() {
    INDArray x = Nd4j.createFromArray(new float[][] {{-1f, 2f}, {3f, -4f}});
    INDArray before = x.dup();
    INDArray r = LayerOps.apply(new Layer.Relu(), x);
    assertArrayEquals(new float[] {0f, 2f, 3f, 0f}, r.data().asFloat(), 0f);
    INDArray d = LayerOps.apply(new Layer.Dropout(0.5), x);
    assertNotSame(x, d);
    assertEquals(before, d);
    INDArray a = LayerOps.apply(new Layer.Add(), List.of(x, r, x));
    assertArrayEquals(new float[] {-2f, 6f, 9f, -8f}, a.data().asFloat(), 0f);
    assertEquals(before, x);
  }

  @Test
  void signIsPlusOneFromZeroUpAndMinusOneBelow() {
    INDArray x = Nd4j.createFromArray(new float[][] {{-2f, -1e-7f, 0f}, {1e-7f, 0.5f, 3f}});
    INDArray before = x.dup();
    INDArray s = LayerOps.apply(new Layer.Sign(), x);
    assertArrayEquals(new float[] {-1f, -1f, 1f, 1f, 1f, 1f}, s.data().asFloat(), 0f);
    assertEquals(before, x);
    assertArrayEquals(
        new long[] {4, 2, 2},
        LayerOps.outputShape(new Layer.Sign(), List.of(new long[] {4, 2, 2})));
    assertMessage(
        LayerOps::outputShape,
        new Layer.Sign(),
        List.of(new long[] {4}, new long[] {4}),
        "exactly 1");
  }

  @Test
  void shapeInferenceComputesWindows() {
    Layer.Conv2d conv =
        new Layer.Conv2d(3, 2, 1, new Weights.FullPrecision(randn(1, 8, 3, 3, 3)), null);
    assertArrayEquals(
        new long[] {8, 16, 16}, LayerOps.outputShape(conv, List.of(new long[] {3, 32, 32})));
    assertArrayEquals(
        new long[] {8, 15, 15},
        LayerOps.outputShape(new Layer.AvgPool2d(2, 2), List.of(new long[] {8, 31, 31})));
    assertArrayEquals(
        new long[] {8 * 15 * 15},
        LayerOps.outputShape(new Layer.Flatten(), List.of(new long[] {8, 15, 15})));
    assertArrayEquals(
        new long[] {10},
        LayerOps.outputShape(
            new Layer.Dense(new Weights.FullPrecision(randn(2, 10, 1800)), null),
            List.of(new long[] {1800})));
  }

  @Test
  void shapeInferenceNamesTheMismatch() {
    Layer.Dense dense = new Layer.Dense(new Weights.FullPrecision(randn(1, 10, 512)), null);
    assertMessage(LayerOps::outputShape, dense, List.of(new long[] {256}), "512", "256");
    assertMessage(LayerOps::outputShape, dense, List.of(new long[] {32, 4, 4}), "flatten");

    Layer.Conv2d conv =
        new Layer.Conv2d(3, 1, 0, new Weights.FullPrecision(randn(2, 8, 3, 3, 3)), null);
    assertMessage(
        LayerOps::outputShape, conv, List.of(new long[] {1, 28, 28}), "3 input channels", "got 1");
    assertMessage(
        LayerOps::outputShape,
        conv,
        List.of(new long[] {3, 2, 28}),
        "larger than the input height");
    assertMessage(
        LayerOps::outputShape,
        conv,
        List.of(new long[] {3 * 28 * 28}),
        "[channels, height, width]");

    assertMessage(
        LayerOps::outputShape,
        new Layer.MaxPool2d(4, 4),
        List.of(new long[] {1, 3, 3}),
        "kernel 4");
    assertMessage(
        LayerOps::outputShape,
        new Layer.Add(),
        List.of(new long[] {4}, new long[] {5}),
        "[4]",
        "[5]");
    assertMessage(LayerOps::outputShape, new Layer.Add(), List.of(new long[] {4}), "at least 2");
    assertMessage(
        LayerOps::outputShape,
        new Layer.Relu(),
        List.of(new long[] {4}, new long[] {4}),
        "exactly 1");
    Layer.BatchNorm bn =
        new Layer.BatchNorm(randn(1, 3), randn(2, 3), randn(3, 3), positive(4, 3), 1e-5);
    assertMessage(LayerOps::outputShape, bn, List.of(new long[] {4, 2, 2}), "3 channels", "got 4");
  }

  @Test
  void everyResultOwnsAClosableBuffer() {
    // ND4J's close() silently ignores views; a view result would never be freed by NetworkForward.
    INDArray img = randn(30, 2, 3, 4, 4);
    INDArray flat = randn(31, 2, 48);
    List<Layer> imageLayers =
        List.of(
            new Layer.Conv2d(
                3, 1, 1, new Weights.FullPrecision(randn(32, 2, 3, 3, 3)), randn(33, 2)),
            new Layer.Conv2d(
                3, 1, 1, new Weights.Binary(signs(34, 2, 3, 3, 3), positive(35, 2)), null),
            new Layer.AvgPool2d(2, 2),
            new Layer.MaxPool2d(2, 2),
            new Layer.BatchNorm(randn(36, 3), randn(37, 3), randn(38, 3), positive(39, 3), 1e-5),
            new Layer.Relu(),
            new Layer.Dropout(0.2),
            new Layer.Flatten(),
            new Layer.Sign());
    for (Layer layer : imageLayers) {
      INDArray y = LayerOps.apply(layer, img);
      assertTrue(y.closeable() && !y.isView(), layer.type());
      y.close();
      assertTrue(y.wasClosed(), layer.type());
      assertFalse(img.wasClosed(), layer.type());
    }
    INDArray d =
        LayerOps.apply(
            new Layer.Dense(new Weights.FullPrecision(randn(40, 5, 48)), randn(41, 5)), flat);
    assertTrue(d.closeable() && !d.isView());
    INDArray a = LayerOps.apply(new Layer.Add(), List.of(img, img));
    assertTrue(a.closeable() && !a.isView());
  }

  @Test
  void applyRejectsMismatchedBatches() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LayerOps.apply(new Layer.Add(), List.of(randn(1, 2, 3), randn(2, 3, 3))));
  }

  private interface ShapeFn {
    long[] apply(Layer layer, List<long[]> shapes);
  }

  private static void assertMessage(ShapeFn fn, Layer layer, List<long[]> shapes, String... parts) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fn.apply(layer, shapes));
    for (String p : parts) {
      assertTrue(
          e.getMessage().contains(p),
          "message '" + e.getMessage() + "' should contain '" + p + "'");
    }
  }
}
