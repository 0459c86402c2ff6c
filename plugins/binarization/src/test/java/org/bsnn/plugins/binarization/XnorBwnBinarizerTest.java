package org.bsnn.plugins.binarization;

import static org.bsnn.plugins.binarization.BinarizerNetworks.convNet;
import static org.bsnn.plugins.binarization.BinarizerNetworks.weightsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class XnorBwnBinarizerTest {

  private static final XnorBwnBinarizer DEFAULT =
      new XnorBwnBinarizer(new XnorBwnProvider().defaults());

  @Test
  void denseAlphaIsMeanAbsoluteClippedWeightPerOutputWithoutCentring() {
    double[][] w = {
      {0.5, 0.5, 0.5, -0.1}, // mean-centring would give alpha 0.225 and other signs
      {2.0, -3.0, 0.25, 0.75}, // clipped to 1, -1: alpha (1 + 1 + 0.25 + 0.75) / 4
      {0.0, 0.0, -0.5, 0.5}, // zeros get sign +1
    };
    Weights.Binary b = DEFAULT.binarize(TestTensors.matrix(w));
    assertArrayEquals(new long[] {3, 4}, b.signs().shape());
    assertArrayEquals(new double[] {0.4, 0.75, 0.25}, TestTensors.values(b.alpha()), 1e-6);
    assertArrayEquals(
        new double[] {1, 1, 1, -1, 1, -1, 1, 1, 1, 1, -1, 1}, TestTensors.values(b.signs()), 0.0);
    assertEquals(DataType.FLOAT, b.signs().dataType());
    assertEquals(DataType.FLOAT, b.alpha().dataType());
    b.validateValues();
  }

  @Test
  void convIsMeanCentredOverInputChannelsThenClippedBeforeSignsAndAlpha() {
    INDArray real = TestTensors.randn(11, 1.2, 4, 3, 2, 2); // std 1.2: some values need clipping
    double[] r = TestTensors.values(real);
    Weights.Binary b = DEFAULT.binarize(real);

    int out = 4, in = 3, k = 2;
    double[] expectedAlpha = new double[out];
    double[] expectedSigns = new double[r.length];
    for (int o = 0; o < out; o++) {
      double abs = 0;
      for (int y = 0; y < k; y++) {
        for (int x = 0; x < k; x++) {
          double mean = 0;
          for (int i = 0; i < in; i++) {
            mean += r[index(o, i, y, x, in, k)];
          }
          mean /= in;
          for (int i = 0; i < in; i++) {
            int at = index(o, i, y, x, in, k);
            double c = Math.max(-1, Math.min(1, r[at] - mean));
            abs += Math.abs(c);
            expectedSigns[at] = c >= 0 ? 1 : -1;
          }
        }
      }
      expectedAlpha[o] = abs / (in * k * k);
    }
    assertArrayEquals(new long[] {4, 3, 2, 2}, b.signs().shape());
    assertArrayEquals(expectedAlpha, TestTensors.values(b.alpha()), 1e-5);
    assertArrayEquals(expectedSigns, TestTensors.values(b.signs()), 0.0);
    b.validateValues();
  }

  private static int index(int o, int i, int y, int x, int in, int k) {
    return ((o * in + i) * k + y) * k + x;
  }

  @Test
  void binarizeLeavesTheRealWeightsUntouched() {
    INDArray real = TestTensors.randn(5, 2.0, 3, 2, 3, 3);
    INDArray copy = real.dup();
    DEFAULT.binarize(real);
    assertEquals(copy, real);
  }

  @Test
  void denseViewOfBinaryWeightsIsSignTimesAlpha() {
    Weights.Binary b = DEFAULT.binarize(TestTensors.randn(3, 0.3, 6, 10));
    double[] signs = TestTensors.values(b.signs());
    double[] alpha = TestTensors.values(b.alpha());
    double[] dense = TestTensors.values(b.dense());
    for (int i = 0; i < dense.length; i++) {
      assertEquals(signs[i] * alpha[i / 10], dense[i], 1e-7);
    }
  }

  @ParameterizedTest(name = "keepFirst={0}, keepLast={1}")
  @CsvSource({
    "true, true, 'conv2,fc1'",
    "false, true, 'conv1,conv2,fc1'",
    "true, false, 'conv2,fc1,fc2'",
    "false, false, 'conv1,conv2,fc1,fc2'"
  })
  void selectsWeightedLayersExceptTheKeptFirstAndLast(
      boolean keepFirst, boolean keepLast, String expected) {
    XnorBwnBinarizer binarizer = new XnorBwnBinarizer(new BinarizerConfig(keepFirst, keepLast));
    Network net = convNet();
    List<String> selected =
        net.nodes().stream().filter(n -> binarizer.selects(n, net)).map(Node::name).toList();
    assertEquals(List.of(expected.split(",")), selected);
  }

  @Test
  void defaultsKeepFirstAndLastLayersInFullPrecision() {
    BinarizerConfig defaults = new XnorBwnProvider().defaults();
    assertEquals(new BinarizerConfig(true, true), defaults);
  }

  @Test
  void applyRewritesOnlySelectedNodes() {
    Network net = convNet();
    Network out = DEFAULT.apply(net);

    assertEquals(
        net.nodes().stream().map(Node::name).toList(),
        out.nodes().stream().map(Node::name).toList());
    for (Node node : net.nodes()) {
      Node rewritten = out.node(node.name());
      assertEquals(node.inputs(), rewritten.inputs());
      if (node.name().equals("conv2") || node.name().equals("fc1")) {
        Weights.Binary b = assertInstanceOf(Weights.Binary.class, weightsOf(out, node.name()));
        Weights.Binary expected =
            DEFAULT.binarize(((Weights.FullPrecision) weightsOf(net, node.name())).values());
        assertEquals(expected.signs(), b.signs());
        assertEquals(expected.alpha(), b.alpha());
      } else {
        assertEquals(node, rewritten, node.name() + " must be unchanged");
      }
    }
    // geometry and biases of the rewritten layers are kept
    Layer.Conv2d conv2 = (Layer.Conv2d) out.node("conv2").layer();
    assertEquals(3, conv2.kernel());
    assertEquals(1, conv2.padding());
    assertEquals(
        ((Layer.Dense) net.node("fc1").layer()).bias(),
        ((Layer.Dense) out.node("fc1").layer()).bias());
    // the input network is not modified
    assertInstanceOf(Weights.FullPrecision.class, weightsOf(net, "conv2"));
  }

  @Test
  void applyKeepsAlreadyBinaryWeights() {
    Network once = DEFAULT.apply(convNet());
    Network twice = DEFAULT.apply(once);
    assertSame(weightsOf(once, "fc1"), weightsOf(twice, "fc1"));
    assertEquals(once, twice);
  }
}
