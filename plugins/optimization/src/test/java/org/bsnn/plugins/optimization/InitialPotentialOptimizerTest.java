package org.bsnn.plugins.optimization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class InitialPotentialOptimizerTest {

  private static SpikingNetwork network() {
    return new SpikingNetwork(
        "s",
        new long[] {2, 1, 1},
        List.of(
            new SpikingNode(
                "a",
                List.of(
                    new Projection(
                        "input",
                        List.of(
                            new org.bsnn.api.network.Layer.Flatten(),
                            TestTensors.dense(new double[][] {{1, 0}, {0, 1}}, null)))),
                new Neuron.IntegrateAndFire(Nd4j.createFromArray(2f, 4f), ResetMode.SUBTRACT)),
            new SpikingNode(
                "out",
                List.of(
                    new Projection("a", List.of(TestTensors.dense(new double[][] {{1, 1}}, null)))),
                new Neuron.Integrator())),
        Encoding.DIRECT,
        Propagation.PIPELINED,
        Readout.POTENTIAL,
        Map.of());
  }

  private static Neuron.IntegrateAndFire neuron(SpikingNetwork n) {
    return (Neuron.IntegrateAndFire) n.nodes().get(0).neuron();
  }

  @Test
  void everyNeuronStartsAtTheFractionOfItsOwnThresholdAndItIsRecorded() {
    TestRunContext context = new TestRunContext(0);
    SpikingNetwork out =
        new InitialPotentialOptimizer(new InitialPotentialConfig(0.25)).prepare(network(), context);
    assertArrayEquals(
        new double[] {0.5, 1.0}, TestTensors.values(neuron(out).initialPotential()), 0);
    assertArrayEquals(new double[] {2, 4}, TestTensors.values(neuron(out).threshold()), 0);
    assertTrue(out.nodes().get(1).neuron() instanceof Neuron.Integrator);
    assertEquals(Map.of("a", 0.25), context.recordedProvenance().get("initialPotentialFractions"));
    assertEquals(Map.of("a", 0.25), out.notes().get("initial-potential"));
  }

  @Test
  void thresholdScalingCarriesTheInitialPotentialAlong() {
    SpikingNetwork started =
        new InitialPotentialOptimizer(new InitialPotentialConfig(0.5))
            .prepare(network(), new TestRunContext(0));
    SpikingNetwork scaled =
        new ThresholdScaleOptimizer(new ThresholdScaleConfig(0.5, List.of()))
            .prepare(started, new TestRunContext(0));
    assertArrayEquals(
        new double[] {0.5, 1.0}, TestTensors.values(neuron(scaled).initialPotential()), 0);
  }

  @Test
  void fractionsOutsideZeroToOneFailAtValidation() {
    assertThrows(IllegalArgumentException.class, () -> new InitialPotentialConfig(1.0));
    assertThrows(IllegalArgumentException.class, () -> new InitialPotentialConfig(-0.1));
    assertThrows(IllegalArgumentException.class, () -> new InitialPotentialConfig(Double.NaN));
  }
}
