package org.bsnn.plugins.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.junit.jupiter.api.Test;

class SpikingCostsTest {

  private static SpikingNetwork snn(Map<String, Object> notes) {
    List<SpikingNode> nodes =
        List.of(
            new SpikingNode(
                "relu1",
                List.of(
                    new Projection(
                        SpikingNetwork.INPUT,
                        List.of(
                            new Layer.Flatten(), TestTensors.dense(new double[][] {{1}}, null)))),
                new Neuron.IntegrateAndFire(TestTensors.vector(1), ResetMode.SUBTRACT)),
            new SpikingNode(
                "out",
                List.of(
                    new Projection(
                        "relu1", List.of(TestTensors.dense(new double[][] {{1}}, null)))),
                new Neuron.Integrator()));
    return new SpikingNetwork(
        "t",
        new long[] {1, 1, 1},
        nodes,
        Encoding.DIRECT,
        Propagation.PIPELINED,
        Readout.POTENTIAL,
        notes);
  }

  @Test
  void rowsAreNamedAfterTheAnnLayersTheConverterRecorded() {
    SpikingNetwork net =
        snn(Map.of("weightedLayers", Map.of("relu1", List.of("conv1"), "out", List.of("fc"))));
    assertEquals("conv1", SpikingCosts.label(net, "relu1"));
    assertEquals("fc", SpikingCosts.label(net, "out"));
  }

  @Test
  void aResidualNodeJoinsItsLayers() {
    SpikingNetwork net =
        snn(Map.of("weightedLayers", Map.of("relu1", List.of("conv2", "shortcut2"))));
    assertEquals("conv2+shortcut2", SpikingCosts.label(net, "relu1"));
    assertEquals("out", SpikingCosts.label(net, "out"), "no entry: the node's own name");
  }

  @Test
  void withoutTheNoteTheNodeNameIsUsed() {
    assertEquals("relu1", SpikingCosts.label(snn(Map.of()), "relu1"));
  }

  @Test
  void simulatedNeedsANetworkAndATrace() {
    assertTrue(
        SpikingCosts.simulated(Tiny.evaluation(false, Propagation.PIPELINED, new int[] {3, 3})));
    assertFalse(SpikingCosts.simulated(Tiny.annOnly(false)));
  }
}
