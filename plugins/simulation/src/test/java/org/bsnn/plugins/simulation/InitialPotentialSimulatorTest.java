package org.bsnn.plugins.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SpikingDynamics;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.stage.Simulator;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.plugins.simulation.TestNetworks.Alpha;
import org.bsnn.plugins.simulation.TestNetworks.Options;
import org.bsnn.plugins.simulation.TestNetworks.Thresholds;
import org.bsnn.plugins.simulation.engine.KernelChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A non-zero initial membrane potential is honoured identically by every backend: the rounded-rate
 * law of a neuron starting at half its threshold, and bit-identical traces against the time-stepped
 * reference with layer-wise and random per-neuron initial potentials.
 */
class InitialPotentialSimulatorTest {

  private static final int[] STEPS = {1, 2, 3, 4, 7, 8, 16, 31, 64, 200};

  private static List<Simulator> backends(int steps) {
    return List.of(
        BitpackedSimulatorTest.reference(steps),
        BitpackedSimulatorTest.bitpacked(steps, 2, KernelChoice.AUTO),
        EventDrivenSimulatorTest.eventDriven(steps, 2, 1.0),
        EventDrivenSimulatorTest.eventDriven(steps, 2, 0.0));
  }

  /**
   * One IF neuron per input value a = k/64 (exact in float), threshold 1, reset by subtraction,
   * starting at 1/2, read by an integrator through the identity: after T steps it has fired floor(a
   * T + 1/2) times (0 <= v < 1 holds after every reset and v = 1/2 + a T - spikes).
   */
  @Test
  void halfThresholdStartGivesTheRoundedRateInEveryBackend() {
    int n = 65;
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = k / 64f;
    }
    SpikingNetwork net = counter(n, 0.5f);
    InMemoryDataSplit data = InMemoryDataSplit.of(new float[][] {a}, new int[] {0}, n, 1, 1);
    for (int steps : STEPS) {
      for (Simulator backend : backends(steps)) {
        Traces.Recorder recorder = new Traces.Recorder();
        backend.simulate(net, data, List.of(recorder), new TestRunContext(1));
        float[] counts = recorder.potentials.get(recorder.potentials.size() - 1);
        for (int k = 0; k < n; k++) {
          assertEquals(
              Math.floor(a[k] * (double) steps + 0.5),
              counts[k],
              0.0,
              backend.getClass().getSimpleName() + ", a = " + a[k] + ", T = " + steps);
        }
      }
    }
  }

  /** Without the initial potential the same neurons floor the rate (the paper's recipe). */
  @Test
  void zeroStartFloorsTheRate() {
    int n = 65;
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = k / 64f;
    }
    InMemoryDataSplit data = InMemoryDataSplit.of(new float[][] {a}, new int[] {0}, n, 1, 1);
    int steps = 7;
    for (Simulator backend : backends(steps)) {
      Traces.Recorder recorder = new Traces.Recorder();
      backend.simulate(counter(n, 0f), data, List.of(recorder), new TestRunContext(1));
      float[] counts = recorder.potentials.get(recorder.potentials.size() - 1);
      for (int k = 0; k < n; k++) {
        assertEquals(Math.floor(a[k] * (double) steps), counts[k], 0.0, "a = " + a[k]);
      }
    }
  }

  @Test
  void anInitialPotentialAtTheThresholdIsRefused() {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                BitpackedSimulatorTest.reference(4)
                    .simulate(
                        counter(3, 1f),
                        InMemoryDataSplit.of(new float[][] {{0, 0, 0}}, new int[] {0}, 3, 1, 1),
                        List.of(),
                        new TestRunContext(1)));
    assertTrue(e.getMessage().contains("initial potential reaches the threshold"), e.getMessage());
  }

  static Stream<Arguments> binaryOptions() {
    Options d = Options.defaults();
    return Stream.of(
        Arguments.of("scalar threshold, half start", d, false),
        Arguments.of(
            "channel thresholds, biases, random start",
            d.with(Thresholds.CHANNEL).withBias(true),
            true),
        Arguments.of(
            "neuron thresholds, reset to zero, random start",
            d.with(Thresholds.NEURON).with(ResetMode.ZERO),
            true),
        Arguments.of(
            "crossbar form, same-step, random start",
            d.with(Alpha.CROSSBAR).with(Thresholds.CHANNEL).with(Propagation.SAME_STEP),
            true),
        Arguments.of(
            "pipelined, [avgpool, conv] chain on ND4J, half start",
            d.withFallbackPath(true),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryOptions")
  void binaryNetworksAreIdenticalInEveryBackend(String name, Options options, boolean random) {
    SpikingNetwork net = withStart(TestNetworks.binary(11, 2, 12, 10, options), random, 4);
    InMemoryDataSplit data = Traces.images(3, 12, 2, 12, 10);
    int t = BitpackedSimulatorTest.T;
    BitpackedSimulatorTest.assertSameAsReference(
        net, data, BitpackedSimulatorTest.bitpacked(t, 2, KernelChoice.AUTO));
    BitpackedSimulatorTest.assertSameAsReference(
        net, data, EventDrivenSimulatorTest.eventDriven(t, 2, 1.0));
  }

  @ParameterizedTest(name = "{0}, random start {1}")
  @MethodSource("fullPrecisionOptions")
  void exactFullPrecisionNetworksAreIdenticalInTheEventDrivenBackend(
      ResetMode reset, boolean random, Propagation propagation) {
    SpikingNetwork net =
        withStart(TestNetworks.fullPrecision(21, 2, 12, 10, true, reset, propagation), random, 5);
    InMemoryDataSplit data = Traces.images(8, 12, 2, 12, 10);
    int t = BitpackedSimulatorTest.T;
    BitpackedSimulatorTest.assertSameAsReference(
        net, data, EventDrivenSimulatorTest.eventDriven(t, 2, 1.0));
    BitpackedSimulatorTest.assertSameAsReference(
        net, data, EventDrivenSimulatorTest.eventDriven(t, 2, 0.0));
  }

  static Stream<Arguments> fullPrecisionOptions() {
    return Stream.of(
        Arguments.of(ResetMode.SUBTRACT, false, Propagation.PIPELINED),
        Arguments.of(ResetMode.SUBTRACT, true, Propagation.SAME_STEP),
        Arguments.of(ResetMode.ZERO, true, Propagation.PIPELINED));
  }

  /**
   * Every IF node starts at half its threshold, or (random) at a per-neuron value drawn in [-0.75,
   * 0.75) times its threshold.
   */
  private static SpikingNetwork withStart(SpikingNetwork net, boolean random, long seed) {
    Map<String, long[]> shapes = SpikingDynamics.shapes(net);
    Random r = new Random(seed);
    List<SpikingNode> nodes = new ArrayList<>();
    for (SpikingNode node : net.nodes()) {
      if (!(node.neuron() instanceof Neuron.IntegrateAndFire f)) {
        nodes.add(node);
        continue;
      }
      INDArray start;
      if (random) {
        long[] shape = shapes.get(node.name());
        INDArray fraction = Nd4j.zeros(f.threshold().dataType(), shape);
        float[] u = new float[(int) fraction.length()];
        for (int i = 0; i < u.length; i++) {
          u[i] = 1.5f * r.nextFloat() - 0.75f;
        }
        fraction = Nd4j.create(u, shape, 'c');
        start = fraction.muli(SpikingDynamics.aligned(f.threshold(), shape.length));
      } else {
        start = f.threshold().mul(0.5);
      }
      nodes.add(new SpikingNode(node.name(), node.inputs(), f.with(f.threshold(), start)));
    }
    return net.withNodes(nodes, "initial-potential", random ? "random" : "half");
  }

  private static SpikingNetwork counter(int n, float start) {
    double[][] identity = new double[n][n];
    for (int i = 0; i < n; i++) {
      identity[i][i] = 1;
    }
    SpikingNode neurons =
        new SpikingNode(
            "if",
            List.of(
                new Projection(
                    SpikingNetwork.INPUT,
                    List.of(new Layer.Flatten(), TestTensors.dense(identity, null)))),
            new Neuron.IntegrateAndFire(
                TestNetworks.scalar(1f), ResetMode.SUBTRACT, TestNetworks.scalar(start)));
    SpikingNode out =
        new SpikingNode(
            "out",
            List.of(new Projection("if", List.of(TestTensors.dense(identity, null)))),
            new Neuron.Integrator());
    return new SpikingNetwork(
        "counter",
        new long[] {n, 1, 1},
        List.of(neurons, out),
        Encoding.DIRECT,
        Propagation.SAME_STEP,
        Readout.POTENTIAL,
        Map.of());
  }
}
