package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StraightThroughTest {

  @Test
  void xnorNetGradientMatchesTheReferenceFormula() {
    // one dense layer [2 out, 3 in]; the second neuron has a weight outside [-1, 1]
    INDArray real = Nd4j.createFromArray(new float[][] {{0.5f, -0.2f, 0.1f}, {1.5f, -0.4f, 0.3f}});
    INDArray g = Nd4j.createFromArray(new float[][] {{1f, 2f, 3f}, {-1f, 0.5f, 2f}});
    INDArray signs = Nd4j.createFromArray(new float[][] {{1, -1, 1}, {1, -1, 1}});
    INDArray alpha = Nd4j.createFromArray(new float[] {0.8f / 3, 2.2f / 3});
    INDArray out = StraightThrough.xnorNetGradient(g, real, new Weights.Binary(signs, alpha));
    float[][] r = real.toFloatMatrix();
    float[][] gr = g.toFloatMatrix();
    float[][] s = signs.toFloatMatrix();
    float[] a = alpha.toFloatVector();
    int n = 3;
    for (int k = 0; k < 2; k++) {
      double meanSigned = 0;
      for (int j = 0; j < n; j++) {
        meanSigned += s[k][j] * gr[k][j] / n;
      }
      for (int j = 0; j < n; j++) {
        double pass = Math.abs(r[k][j]) <= 1 ? 1 : 0;
        double expected = (a[k] * gr[k][j] * pass + s[k][j] * meanSigned) * n * (1 - 1.0 / 3);
        assertEquals(expected, out.getDouble(k, j), 1e-5, "[" + k + "," + j + "]");
      }
    }
    INDArray identity = StraightThrough.identityGradient(g, real);
    assertEquals(0.0, identity.getDouble(1, 0), 0.0, "zero where |w| > 1");
    assertEquals(2.0, identity.getDouble(0, 1));
  }

  @Test
  void graphForwardWithBinarizedWeightsEqualsTheExportedBinaryIr() {
    Network net = SameDiffNetworkTest.allLayers();
    SameDiffNetwork sd = SameDiffNetwork.of(net);
    TestXnorBinarizer binarizer = new TestXnorBinarizer();
    StraightThrough ste = new StraightThrough(sd, binarizer, "xnor-net", true);
    assertEquals(List.of("conv2", "conv3", "fc1"), ste.selected());
    Map<String, INDArray> before = new HashMap<>();
    sd.params().forEach((k, v) -> before.put(k, v.dup()));
    INDArray x = SameDiffNetworkTest.input(9, 3, net.inputShape());

    Network binaryIr = sd.export(Optional.of(binarizer));
    ste.binarize();
    INDArray graph = sd.logits(x);
    INDArray ir = NetworkForward.run(binaryIr, x);
    assertTrue(ir.equalsWithEps(graph, 1e-4), "IR " + ir + "\ngraph " + graph);

    Map<String, INDArray> grads = new HashMap<>();
    sd.params().forEach((k, v) -> grads.put(k, Nd4j.onesLike(v)));
    ste.restore(grads);
    sd.params()
        .forEach((k, v) -> assertEquals(before.get(k), v, k + " restored to the real weights"));
    assertArrayEquals(sd.weights("conv2").shape(), grads.get("conv2/weight").shape());
  }
}
