package org.bsnn.plugins.optimization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class CrossbarFormOptimizerTest {

  private static INDArray signs(long seed, long... shape) {
    return Transforms.sign(TestTensors.randn(seed, 1, shape).addi(1e-3), false);
  }

  private static Neuron.IntegrateAndFire fire(INDArray threshold) {
    return new Neuron.IntegrateAndFire(threshold, ResetMode.SUBTRACT);
  }

  /**
   * a: fp conv 1->2 | b: binary conv 2->3 + avgpool 2 (bias) | c: flatten + binary dense 12->5 |
   * out: fp dense 5->2.
   */
  private static SpikingNetwork network(INDArray alphaB, INDArray alphaC) {
    Layer.Conv2d convA =
        new Layer.Conv2d(
            3, 1, 1, new Weights.FullPrecision(TestTensors.randn(1, 1, 2, 1, 3, 3)), null);
    Layer.Conv2d convB =
        new Layer.Conv2d(
            3,
            1,
            1,
            new Weights.Binary(signs(2, 3, 2, 3, 3), alphaB),
            TestTensors.vector(0.3, -0.2, 0.1));
    Layer.Dense denseC = new Layer.Dense(new Weights.Binary(signs(3, 5, 12), alphaC), null);
    return new SpikingNetwork(
        "net",
        new long[] {1, 4, 4},
        List.of(
            new SpikingNode(
                "a",
                List.of(new Projection(SpikingNetwork.INPUT, List.of(convA))),
                fire(Nd4j.createFromArray(1f))),
            new SpikingNode(
                "b",
                List.of(new Projection("a", List.of(convB, new Layer.AvgPool2d(2, 2)))),
                fire(Nd4j.createFromArray(1f))),
            new SpikingNode(
                "c",
                List.of(new Projection("b", List.of(new Layer.Flatten(), denseC))),
                fire(Nd4j.createFromArray(2f))),
            new SpikingNode(
                "out",
                List.of(
                    new Projection(
                        "c",
                        List.of(
                            TestTensors.dense(
                                new double[][] {{1, 0, 0, 0, 1}, {0, 1, 1, 1, 0}}, null)))),
                new Neuron.Integrator())),
        Encoding.DIRECT,
        Propagation.PIPELINED,
        Readout.POTENTIAL,
        Map.of());
  }

  private static INDArray threshold(SpikingNetwork n, String node) {
    return ((Neuron.IntegrateAndFire)
            n.nodes().stream()
                .filter(x -> x.name().equals(node))
                .findFirst()
                .orElseThrow()
                .neuron())
        .threshold();
  }

  @Test
  void binaryLayersGetUnitWeightsAndDividedThresholds() {
    SpikingNetwork net =
        network(TestTensors.vector(0.3, 0.7, 1.1), TestTensors.vector(0.5, 0.25, 2, 0.125, 4));
    TestRunContext context = new TestRunContext(0);
    SpikingNetwork form = new CrossbarFormOptimizer().prepare(net, context);

    Layer.Conv2d b = (Layer.Conv2d) form.nodes().get(1).inputs().get(0).ops().get(0);
    Weights.Binary wb = (Weights.Binary) b.weights();
    assertEquals(
        ((Weights.Binary)
                ((Layer.Conv2d) net.nodes().get(1).inputs().get(0).ops().get(0)).weights())
            .signs(),
        wb.signs());
    assertArrayEquals(new double[] {1, 1, 1}, TestTensors.values(wb.alpha()));
    assertArrayEquals(new long[] {3, 1, 1}, threshold(form, "b").shape());
    assertArrayEquals(
        new double[] {1 / 0.3f, 1 / 0.7f, 1 / 1.1f},
        TestTensors.values(threshold(form, "b")),
        1e-6);
    assertArrayEquals(
        new double[] {0.3f / 0.3f, -0.2f / 0.7f, 0.1f / 1.1f}, TestTensors.values(b.bias()), 1e-6);
    assertTrue(form.nodes().get(1).inputs().get(0).ops().get(1) instanceof Layer.AvgPool2d);

    assertArrayEquals(new double[] {4, 8, 1, 16, 0.5}, TestTensors.values(threshold(form, "c")), 0);
    // untouched: the full-precision first layer and the output integrator
    assertSame(net.nodes().get(0), form.nodes().get(0));
    assertSame(net.nodes().get(3), form.nodes().get(3));

    @SuppressWarnings("unchecked")
    Map<String, String> notes = (Map<String, String>) form.notes().get("crossbar-form");
    assertTrue(notes.get("b").contains("float32 rounding"), notes.toString());
    assertTrue(notes.get("c").contains("exact"), notes.toString());
    assertEquals(notes, context.recordedProvenance().get("crossbarForm"));
  }

  @Test
  void currentIsTheFloatFormsDividedByAlpha() {
    INDArray alpha = TestTensors.vector(0.3, 0.7, 1.1);
    SpikingNetwork net = network(alpha, TestTensors.vector(1, 1, 1, 1, 1));
    SpikingNetwork form = new CrossbarFormOptimizer().prepare(net, new TestRunContext(0));
    INDArray spikes = Transforms.step(TestTensors.uniform(7, -1, 1, 4, 2, 4, 4));
    INDArray floatCurrent = apply(net.nodes().get(1).inputs().get(0).ops(), spikes);
    INDArray formCurrent = apply(form.nodes().get(1).inputs().get(0).ops(), spikes);
    for (int k = 0; k < 3; k++) {
      INDArray expected =
          floatCurrent
              .get(
                  org.nd4j.linalg.indexing.NDArrayIndex.all(),
                  org.nd4j.linalg.indexing.NDArrayIndex.point(k))
              .div(alpha.getDouble(k));
      INDArray actual =
          formCurrent.get(
              org.nd4j.linalg.indexing.NDArrayIndex.all(),
              org.nd4j.linalg.indexing.NDArrayIndex.point(k));
      assertArrayEquals(TestTensors.values(expected), TestTensors.values(actual), 1e-5);
    }
  }

  private static INDArray apply(List<Layer> ops, INDArray x) {
    for (Layer op : ops) {
      x = LayerOps.apply(op, x);
    }
    return x;
  }

  @Test
  void invalidPlacesAreSkippedWithANote() {
    Layer.Dense binary =
        new Layer.Dense(new Weights.Binary(signs(4, 2, 2), TestTensors.vector(0.5, 0.5)), null);
    SpikingNetwork net =
        new SpikingNetwork(
            "net",
            new long[] {1, 1, 2},
            List.of(
                new SpikingNode(
                    "a",
                    List.of(
                        new Projection(SpikingNetwork.INPUT, List.of(new Layer.Flatten(), binary))),
                    fire(Nd4j.createFromArray(1f))),
                new SpikingNode(
                    "sum",
                    List.of(
                        new Projection("a", List.of(binary)), new Projection("a", List.of(binary))),
                    fire(Nd4j.createFromArray(1f))),
                new SpikingNode(
                    "chain",
                    List.of(new Projection("sum", List.of(binary, binary))),
                    fire(Nd4j.createFromArray(1f))),
                new SpikingNode(
                    "out",
                    List.of(new Projection("chain", List.of(binary))),
                    new Neuron.Integrator())),
            Encoding.DIRECT,
            Propagation.PIPELINED,
            Readout.POTENTIAL,
            Map.of());
    SpikingNetwork form = new CrossbarFormOptimizer().prepare(net, new TestRunContext(0));
    @SuppressWarnings("unchecked")
    Map<String, String> notes = (Map<String, String>) form.notes().get("crossbar-form");
    assertTrue(notes.get("a").startsWith("rewritten"), notes.toString());
    assertTrue(notes.get("sum").contains("2 input projections"), notes.toString());
    assertTrue(notes.get("chain").contains("[dense, dense]"), notes.toString());
    assertTrue(notes.get("out").contains("integrator"), notes.toString());
    for (int i = 1; i < 4; i++) {
      assertSame(net.nodes().get(i), form.nodes().get(i));
    }
  }

  @Test
  void anInitialPotentialIsDividedByAlphaLikeTheThreshold() {
    SpikingNetwork net =
        new InitialPotentialOptimizer(new InitialPotentialConfig(0.5))
            .prepare(
                network(
                    TestTensors.vector(0.5, 0.25, 2), TestTensors.vector(0.5, 0.25, 2, 0.125, 4)),
                new TestRunContext(0));
    SpikingNetwork form = new CrossbarFormOptimizer().prepare(net, new TestRunContext(0));
    Neuron.IntegrateAndFire b = (Neuron.IntegrateAndFire) form.nodes().get(1).neuron();
    assertArrayEquals(new double[] {1, 2, 0.25}, TestTensors.values(b.initialPotential()), 0);
    Neuron.IntegrateAndFire c = (Neuron.IntegrateAndFire) form.nodes().get(2).neuron();
    assertArrayEquals(
        new double[] {2, 4, 0.5, 8, 0.25}, TestTensors.values(c.initialPotential()), 0);
  }
}
