package org.bsnn.plugins.optimization;

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
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ThresholdScaleOptimizerTest {

  private static SpikingNode ifNode(String name, String source, float threshold) {
    return new SpikingNode(
        name,
        List.of(new Projection(source, List.of(TestTensors.dense(new double[][] {{1}}, null)))),
        new Neuron.IntegrateAndFire(Nd4j.createFromArray(threshold), ResetMode.SUBTRACT));
  }

  private static SpikingNetwork network() {
    return new SpikingNetwork(
        "s",
        new long[] {1, 1, 1},
        List.of(
            ifNode("a", "input", 1f),
            ifNode("b", "a", 2f),
            new SpikingNode(
                "out",
                List.of(
                    new Projection("b", List.of(TestTensors.dense(new double[][] {{1}}, null)))),
                new Neuron.Integrator())),
        Encoding.DIRECT,
        Propagation.PIPELINED,
        Readout.POTENTIAL,
        Map.of());
  }

  private static double threshold(SpikingNetwork n, int i) {
    return ((Neuron.IntegrateAndFire) n.nodes().get(i).neuron()).threshold().getDouble(0);
  }

  @Test
  void scalesEverySpikingThresholdAndRecordsIt() {
    TestRunContext context = new TestRunContext(0);
    SpikingNetwork scaled =
        new ThresholdScaleOptimizer(new ThresholdScaleConfig(0.5, List.of()))
            .prepare(network(), context);
    assertEquals(0.5, threshold(scaled, 0), 1e-7);
    assertEquals(1.0, threshold(scaled, 1), 1e-7);
    assertTrue(scaled.nodes().get(2).neuron() instanceof Neuron.Integrator);
    assertEquals(Map.of("a", 0.5, "b", 0.5), context.recordedProvenance().get("thresholdFactors"));
    assertEquals(Map.of("a", 0.5, "b", 0.5), scaled.notes().get("threshold-scale"));
  }

  @Test
  void perLayerFactorsMustMatchTheSpikingLayers() {
    SpikingNetwork scaled =
        new ThresholdScaleOptimizer(new ThresholdScaleConfig(1, List.of(0.8, 0.25)))
            .prepare(network(), new TestRunContext(0));
    assertEquals(0.8, threshold(scaled, 0), 1e-7);
    assertEquals(0.5, threshold(scaled, 1), 1e-7);
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                new ThresholdScaleOptimizer(new ThresholdScaleConfig(1, List.of(0.8)))
                    .prepare(network(), new TestRunContext(0)));
    assertTrue(e.getMessage().contains("2 spiking layers"), e.getMessage());
  }

  @Test
  void sameStepSwitchesPropagation() {
    assertEquals(
        Propagation.SAME_STEP,
        new SameStepOptimizer().prepare(network(), new TestRunContext(0)).propagation());
  }

  @Test
  void nonPositiveOrNanFactorsFailAtValidation() {
    assertThrows(IllegalArgumentException.class, () -> new ThresholdScaleConfig(0, List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> new ThresholdScaleConfig(Double.NaN, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ThresholdScaleConfig(1, List.of(-0.5)));
  }
}
