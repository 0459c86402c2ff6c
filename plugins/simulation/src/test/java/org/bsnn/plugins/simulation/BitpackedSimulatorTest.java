package org.bsnn.plugins.simulation;

import static org.bsnn.plugins.simulation.Traces.assertIdentical;
import static org.bsnn.plugins.simulation.Traces.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.stage.Simulator;
import org.bsnn.plugins.simulation.TestNetworks.Alpha;
import org.bsnn.plugins.simulation.TestNetworks.Options;
import org.bsnn.plugins.simulation.TestNetworks.Thresholds;
import org.bsnn.plugins.simulation.engine.KernelChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bitpacked backend against the time-stepped reference on generated binary networks: the whole
 * trace (spikes per node per timestep, accuracy by timestep, predictions, exits) and the output
 * potential of every sample at every timestep are bit-identical when the binary sums are exact
 * (power-of-two alphas, or the crossbar form with alpha 1 and arbitrary thresholds).
 */
class BitpackedSimulatorTest {

  static final int T = 24;
  static final int BATCH = 5;

  static SimulationTrace run(
      Simulator simulator, SpikingNetwork net, DataSplit data, List<Optimizer> optimizers) {
    return simulator.simulate(net, data, optimizers, new TestRunContext(5));
  }

  static Simulator reference(int steps) {
    return new TimeSteppedSimulator(new TimeSteppedConfig(steps, BATCH, 0));
  }

  static Simulator bitpacked(int steps, int threads, KernelChoice kernel) {
    return new BitpackedSimulator(new BitpackedConfig(steps, BATCH, 0, threads, kernel));
  }

  /** Same trace and same output potentials as the reference; every layer spiked. */
  static void assertSameAsReference(SpikingNetwork net, InMemoryDataSplit data, Simulator backend) {
    Traces.Recorder expected = new Traces.Recorder();
    Traces.Recorder actual = new Traces.Recorder();
    SimulationTrace ref = run(reference(T), net, data, List.of(expected));
    SimulationTrace fast = run(backend, net, data, List.of(actual));
    for (var e : ref.spikesByNode().entrySet()) {
      assertTrue(total(e.getValue()) > 0, "the test network must make " + e.getKey() + " spike");
    }
    assertIdentical(ref, fast);
    expected.assertSameAs(actual);
  }

  static Stream<Arguments> options() {
    Options d = Options.defaults();
    return Stream.of(
        Arguments.of("pow2 alpha, scalar threshold", d),
        Arguments.of(
            "pow2 alpha, channel thresholds, biases", d.with(Thresholds.CHANNEL).withBias(true)),
        Arguments.of(
            "pow2 alpha, neuron thresholds, reset to zero",
            d.with(Thresholds.NEURON).with(ResetMode.ZERO)),
        Arguments.of(
            "crossbar form (alpha 1, thresholds theta/a)",
            d.with(Alpha.CROSSBAR).with(Thresholds.CHANNEL)),
        Arguments.of(
            "crossbar form, per-neuron thresholds, biases, same-step",
            d.with(Alpha.CROSSBAR)
                .with(Thresholds.NEURON)
                .withBias(true)
                .with(Propagation.SAME_STEP)),
        Arguments.of(
            "same-step, [avgpool, conv] chain on ND4J",
            d.with(Propagation.SAME_STEP).withFallbackPath(true)),
        Arguments.of(
            "pipelined, [avgpool, conv] chain on ND4J, reset to zero",
            d.withFallbackPath(true).with(ResetMode.ZERO)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void identicalToTheReference(String name, Options options) {
    SpikingNetwork net = TestNetworks.binary(11, 2, 12, 10, options);
    InMemoryDataSplit data = Traces.images(3, 12, 2, 12, 10);
    assertSameAsReference(net, data, bitpacked(T, 2, KernelChoice.AUTO));
  }

  @Test
  void aProjectionStartingWithMaxPoolingIsRefusedNotSimulatedDifferently() {
    SpikingNetwork net = TestNetworks.binary(16, 1, 8, 10, Options.defaults());
    java.util.List<org.bsnn.api.snn.SpikingNode> nodes = new java.util.ArrayList<>(net.nodes());
    org.bsnn.api.snn.SpikingNode c2 = nodes.get(1);
    nodes.set(
        1,
        new org.bsnn.api.snn.SpikingNode(
            "c2",
            java.util.List.of(
                new org.bsnn.api.snn.Projection(
                    "c1",
                    java.util.List.of(
                        new org.bsnn.api.network.Layer.MaxPool2d(2, 2),
                        c2.inputs().get(0).ops().get(0)))),
            c2.neuron()));
    SpikingNetwork gated = net.withNodes(nodes, "test", "max gate");
    org.bsnn.api.util.UserFacingException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.bsnn.api.util.UserFacingException.class,
            () ->
                run(
                    bitpacked(T, 1, KernelChoice.AUTO),
                    gated,
                    Traces.images(1, 2, 1, 8, 10),
                    List.of()));
    assertTrue(e.getMessage().contains("max pooling"), e.getMessage());
  }

  @Test
  void popcountAndScatterKernelsAgree() {
    SpikingNetwork net =
        TestNetworks.binary(
            12, 1, 8, 10, Options.defaults().withBias(true).with(Thresholds.NEURON));
    InMemoryDataSplit data = Traces.images(4, 7, 1, 8, 10);
    assertSameAsReference(net, data, bitpacked(T, 1, KernelChoice.POPCOUNT)); // always popcount
    assertSameAsReference(net, data, bitpacked(T, 3, KernelChoice.SCATTER)); // always scatter
  }

  @Test
  void earlyExitStopsTheSameSamplesAtTheSameTimesteps() {
    SpikingNetwork net =
        TestNetworks.binary(13, 1, 8, 10, Options.defaults().with(Propagation.SAME_STEP));
    InMemoryDataSplit data = Traces.images(5, 11, 1, 8, 10);
    SimulationTrace ref = run(reference(T), net, data, List.of(new Traces.ExitAbove(1.5f)));
    SimulationTrace fast =
        run(bitpacked(T, 2, KernelChoice.AUTO), net, data, List.of(new Traces.ExitAbove(1.5f)));
    assertTrue(
        java.util.Arrays.stream(ref.exitTimestep()).anyMatch(t -> t < T),
        "some samples must exit early");
    assertIdentical(ref, fast);
  }

  @Test
  void poissonInputDrawsTheSameSpikes() {
    SpikingNetwork net =
        TestNetworks.binary(14, 1, 8, 10, Options.defaults().with(Encoding.POISSON));
    InMemoryDataSplit data = Traces.images(6, 7, 1, 8, 10);
    assertSameAsReference(net, data, bitpacked(T, 2, KernelChoice.AUTO));
  }

  /** Arbitrary alphas: not bit-identical in general, but the same to within a few spikes. */
  @Test
  void arbitraryAlphasAgreeClosely() {
    SpikingNetwork net =
        TestNetworks.binary(15, 2, 12, 10, Options.defaults().with(Alpha.ARBITRARY));
    InMemoryDataSplit data = Traces.images(7, 12, 2, 12, 10);
    SimulationTrace ref = run(reference(T), net, data, List.of());
    SimulationTrace fast = run(bitpacked(T, 2, KernelChoice.AUTO), net, data, List.of());
    for (String node : ref.spikesByNode().keySet()) {
      long a = total(ref.spikesByNode().get(node));
      long b = total(fast.spikesByNode().get(node));
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
}
