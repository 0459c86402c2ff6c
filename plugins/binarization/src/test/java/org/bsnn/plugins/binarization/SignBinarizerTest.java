package org.bsnn.plugins.binarization;

import static org.bsnn.plugins.binarization.BinarizerNetworks.convNet;
import static org.bsnn.plugins.binarization.BinarizerNetworks.weightsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SignBinarizerTest {

  private static final SignBinarizer DEFAULT = new SignBinarizer(new SignProvider().defaults());

  @Test
  void signsOfRawWeightsWithZeroAsPlusOneAndUnitAlpha() {
    double[][] w = {{0.3, -2.0, 0.0}, {-0.0001, 5.0, 1e-9}};
    Weights.Binary b = DEFAULT.binarize(TestTensors.matrix(w));
    assertArrayEquals(new double[] {1, -1, 1, -1, 1, 1}, TestTensors.values(b.signs()), 0.0);
    assertArrayEquals(new double[] {1, 1}, TestTensors.values(b.alpha()), 0.0);
    b.validateValues();
  }

  @Test
  void convWeightsAreNotMeanCentred() {
    // at every kernel position the two input channels are 0.1 and 0.5: centring would flip 0.1
    INDArray real = TestTensors.matrix(new double[][] {{0.1, 0.5}}).reshape(1, 2, 1, 1);
    Weights.Binary b = DEFAULT.binarize(real);
    assertArrayEquals(new double[] {1, 1}, TestTensors.values(b.signs()), 0.0);
    assertArrayEquals(new long[] {1, 2, 1, 1}, b.signs().shape());
  }

  @Test
  void selectionFollowsTheConfig() {
    Network net = convNet();
    SignBinarizer all = new SignBinarizer(new BinarizerConfig(false, false));
    assertEquals(
        List.of("conv2", "fc1"),
        net.nodes().stream().filter(n -> DEFAULT.selects(n, net)).map(Node::name).toList());
    assertEquals(
        List.of("conv1", "conv2", "fc1", "fc2"),
        net.nodes().stream().filter(n -> all.selects(n, net)).map(Node::name).toList());
  }

  @Test
  void applyGivesPlusMinusOneWeightsOnSelectedLayersOnly() {
    Network out = DEFAULT.apply(convNet());
    Weights.Binary fc1 = assertInstanceOf(Weights.Binary.class, weightsOf(out, "fc1"));
    fc1.validateValues();
    assertEquals(1.0, fc1.alpha().minNumber().doubleValue(), 0.0);
    assertEquals(1.0, fc1.alpha().maxNumber().doubleValue(), 0.0);
    assertInstanceOf(Weights.FullPrecision.class, weightsOf(out, "conv1"));
    assertInstanceOf(Weights.FullPrecision.class, weightsOf(out, "fc2"));
  }
}
