package org.bsnn.plugins.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The QCFS activation's graph: forward as the IR, gradients as the straight-through estimator. */
class QcfsGraphTest {

  private static final double LAMBDA = 2.0;
  private static final int LEVELS = 4;
  // below the range, on its ends (outputs 0 and lambda), inside it (away from the steps' edges
  // at (k - 1/2) / 2), and above it
  private static final float[] X = {-1.3f, -0.1f, 0.1f, 0.4f, 0.9f, 1.1f, 1.6f, 1.8f, 2.3f, 5f};

  @Test
  void forwardMatchesTheIrAndGradientsAreStraightThrough() {
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.var("x", Nd4j.createFromArray(X).reshape(1, X.length));
    SDVariable lambda = sd.var("lambda", Nd4j.scalar(DataType.FLOAT, (float) LAMBDA).reshape(1));
    SDVariable y = QcfsGraph.activation(sd, x, lambda, LEVELS);
    // loss = sum(y): its gradients are dy/dx per element and the sum of dy/dlambda
    sd.setLossVariables(y.sum("loss"));
    INDArray out = y.eval();
    INDArray ir =
        LayerOps.apply(
            new Layer.Qcfs(LAMBDA, LEVELS), Nd4j.createFromArray(X).reshape(1, X.length));
    assertEquals(ir, out.reshape(ir.shape()));

    Map<String, INDArray> g = sd.calculateGradients(Map.of(), "x", "lambda");
    double expectedLambda = 0;
    for (int i = 0; i < X.length; i++) {
      double s = X[i] / LAMBDA;
      double q = Math.floor(s * LEVELS + 0.5) / LEVELS;
      double dx;
      double dl;
      if (q < 0) {
        dx = 0;
        dl = 0;
      } else if (q > 1) {
        dx = 0;
        dl = 1;
      } else { // [0, 1] inclusive, as torch.clamp's gradient
        dx = 1;
        dl = q - s; // d/dlambda of lambda * (x L / lambda + 1/2 + const) / L
      }
      assertEquals(dx, g.get("x").getDouble(0, i), 1e-6, "dy/dx at x=" + X[i]);
      expectedLambda += dl;
    }
    assertEquals(expectedLambda, g.get("lambda").getDouble(0), 1e-5, "dy/dlambda summed");
  }

  @Test
  void trainingMovesLambdaAndExportsIt() {
    Network net =
        new Network(
            "tiny",
            new long[] {1, 2, 2},
            List.of(
                Node.of("flat", new Layer.Flatten(), Network.INPUT),
                Node.of(
                    "fc1",
                    new Layer.Dense(
                        new Weights.FullPrecision(Nd4j.rand(DataType.FLOAT, 6, 4).subi(0.5)), null),
                    "flat"),
                Node.of("q1", new Layer.Qcfs(1.0, LEVELS), "fc1"),
                Node.of(
                    "fc2",
                    new Layer.Dense(
                        new Weights.FullPrecision(Nd4j.rand(DataType.FLOAT, 2, 6).subi(0.5)), null),
                    "q1")),
            "fc2");
    SameDiffNetwork graph = SameDiffNetwork.of(net);
    assertTrue(graph.params().containsKey("q1/lambda"));
    INDArray input = Nd4j.rand(DataType.FLOAT, 8, 1, 2, 2).muli(4);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 2);
    for (int i = 0; i < 8; i++) {
      labels.putScalar(i, i % 2, 1f);
    }
    SameDiffNetwork.Step step = graph.step(input, labels);
    INDArray gl = step.gradients().get("q1/lambda");
    assertNotEquals(0.0, gl.getDouble(0), "the loss depends on lambda");
    graph.params().get("q1/lambda").subi(gl.mul(0.1));
    Layer.Qcfs exported = (Layer.Qcfs) graph.export(Optional.empty()).node("q1").layer();
    assertEquals(1.0 - 0.1 * gl.getDouble(0), exported.lambda(), 1e-6);
    assertEquals(LEVELS, exported.levels());

    // and a network loaded into a graph brings its lambda along (checkpoint resume)
    SameDiffNetwork other = SameDiffNetwork.of(net);
    other.load(graph.export(Optional.empty()));
    assertEquals(exported.lambda(), other.params().get("q1/lambda").getDouble(0), 1e-7);
  }
}
