package org.bsnn.plugins.simulation;

import static org.bsnn.plugins.simulation.Traces.assertIdentical;
import static org.bsnn.plugins.simulation.Traces.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Simulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The event-driven backend against the time-stepped reference: bit-identical where the float sums
 * are exact (weights and biases multiples of 2^-6; binary weights with power-of-two alphas),
 * whichever of scatter and dense ND4J runs; close otherwise.
 */
class EventDrivenSimulatorTest {

  static final int T = BitpackedSimulatorTest.T;

  static Simulator eventDriven(int steps, int threads, double denseAbove) {
    return new EventDrivenSimulator(
        new EventDrivenConfig(steps, BitpackedSimulatorTest.BATCH, 0, threads, denseAbove));
  }

  @ParameterizedTest(name = "{0}, {1}, dense above {2}")
  @CsvSource({
    "SUBTRACT,PIPELINED,1.0",
    "ZERO,SAME_STEP,1.0",
    "SUBTRACT,SAME_STEP,0.2",
    "SUBTRACT,PIPELINED,0.0"
  })
  void identicalWhenTheSumsAreExact(ResetMode reset, Propagation propagation, double denseAbove) {
    SpikingNetwork net = TestNetworks.fullPrecision(21, 2, 12, 10, true, reset, propagation);
    InMemoryDataSplit data = Traces.images(8, 12, 2, 12, 10);
    BitpackedSimulatorTest.assertSameAsReference(net, data, eventDriven(T, 2, denseAbove));
  }

  @Test
  void binaryNetworksWithPowerOfTwoAlphasAreIdenticalToo() {
    SpikingNetwork net =
        TestNetworks.binary(
            22,
            2,
            12,
            10,
            TestNetworks.Options.defaults()
                .withBias(true)
                .with(TestNetworks.Thresholds.CHANNEL)
                .withFallbackPath(true));
    InMemoryDataSplit data = Traces.images(9, 12, 2, 12, 10);
    BitpackedSimulatorTest.assertSameAsReference(net, data, eventDriven(T, 2, 0.3));
  }

  /**
   * Arbitrary float weights: the scatter's sums round differently from GEMM; spikes agree closely.
   */
  @Test
  void arbitraryWeightsAgreeClosely() {
    SpikingNetwork net =
        TestNetworks.fullPrecision(23, 2, 12, 10, false, ResetMode.SUBTRACT, Propagation.PIPELINED);
    InMemoryDataSplit data = Traces.images(10, 12, 2, 12, 10);
    SimulationTrace ref =
        BitpackedSimulatorTest.run(BitpackedSimulatorTest.reference(T), net, data, List.of());
    SimulationTrace fast = BitpackedSimulatorTest.run(eventDriven(T, 2, 1.0), net, data, List.of());
    for (String node : ref.spikesByNode().keySet()) {
      long a = total(ref.spikesByNode().get(node));
      long b = total(fast.spikesByNode().get(node));
      assertTrue(a > 0, node + " must spike");
      assertEquals(a, b, Math.max(3, 0.01 * a), node);
    }
    int agree = 0;
    for (int i = 0; i < ref.predictions().length; i++) {
      agree += ref.predictions()[i] == fast.predictions()[i] ? 1 : 0;
    }
    assertTrue(
        agree >= ref.predictions().length - 1,
        "predictions agree on " + agree + " of " + ref.predictions().length);
  }

  @Test
  void earlyExitIsIdenticalWhenTheSumsAreExact() {
    SpikingNetwork net =
        TestNetworks.fullPrecision(24, 1, 8, 10, true, ResetMode.SUBTRACT, Propagation.SAME_STEP);
    InMemoryDataSplit data = Traces.images(11, 11, 1, 8, 10);
    SimulationTrace ref =
        BitpackedSimulatorTest.run(
            BitpackedSimulatorTest.reference(T), net, data, List.of(new Traces.ExitAbove(1.0f)));
    SimulationTrace fast =
        BitpackedSimulatorTest.run(
            eventDriven(T, 3, 0.3), net, data, List.of(new Traces.ExitAbove(1.0f)));
    assertTrue(
        java.util.Arrays.stream(ref.exitTimestep()).anyMatch(t -> t < T),
        "some samples must exit early");
    assertIdentical(ref, fast);
  }
}
