package org.bsnn.plugins.simulation;

import static org.bsnn.plugins.simulation.Traces.assertIdentical;
import static org.bsnn.plugins.simulation.Traces.total;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.bsnn.api.snn.Neuron;
import org.bsnn.api.snn.Projection;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.Readout;
import org.bsnn.api.snn.ResetMode;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNode;
import org.bsnn.api.stage.Simulator;
import org.bsnn.plugins.simulation.bench.BenchNetworks;
import org.bsnn.plugins.simulation.bench.FashionMnistFile;
import org.bsnn.plugins.simulation.engine.KernelChoice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast backends against the time-stepped reference on real Fashion-MNIST test images (read from
 * {@code datasets/cache/fashion-mnist/t10k-images-idx3-ubyte.gz}; skipped when absent; fetch with
 * {@code ./bsnn data fetch fashion-mnist}), on the quick experiment's vgg-small
 * (c32-c32p-c64-c64p-fc256-fc10) with random weights, threshold-balanced on the images: every
 * layer's spike count at every timestep, accuracy by timestep, predictions and the output potential
 * of every sample at every timestep are bit-identical where the arithmetic is exact.
 */
class FashionMnistEquivalenceTest {

  static final int IMAGES = 32;
  static final int T = 40;
  static final int BATCH = 16;
  static float[][] images;
  static int[] labels;

  @BeforeAll
  static void load() throws IOException {
    Path repo = FashionMnistFile.findRepo();
    if (repo != null) {
      images = FashionMnistFile.testImages(repo, IMAGES);
      labels = FashionMnistFile.testLabels(repo, IMAGES);
    }
  }

  static InMemoryDataSplit data() {
    assumeTrue(
        images != null,
        "Fashion-MNIST is not in datasets/cache/fashion-mnist (./bsnn data fetch fashion-mnist)");
    return InMemoryDataSplit.of(images, labels, 1, 28, 28);
  }

  static SpikingNetwork vggSmall(
      boolean binary, boolean powerOfTwo, double quantum, Propagation propagation) {
    return BenchNetworks.vgg(
        "vgg-small",
        BenchNetworks.VGG_SMALL,
        new long[] {1, 28, 28},
        Arrays.copyOf(images, 16),
        new BenchNetworks.Options(binary, powerOfTwo, 99.9, propagation, 7, quantum));
  }

  static SimulationTrace run(
      Simulator simulator, SpikingNetwork net, InMemoryDataSplit data, Traces.Recorder recorder) {
    return simulator.simulate(net, data, List.of(recorder), new TestRunContext(3));
  }

  static void assertSame(SpikingNetwork net, InMemoryDataSplit data, Simulator backend, int steps) {
    Traces.Recorder expected = new Traces.Recorder();
    Traces.Recorder actual = new Traces.Recorder();
    SimulationTrace ref =
        run(new TimeSteppedSimulator(new TimeSteppedConfig(steps, BATCH, 0)), net, data, expected);
    SimulationTrace fast = run(backend, net, data, actual);
    for (var e : ref.spikesByNode().entrySet()) {
      assertTrue(total(e.getValue()) > 0, e.getKey() + " must spike on real images");
    }
    assertIdentical(ref, fast);
    expected.assertSameAs(actual);
  }

  @Test
  void bitpackedIsIdenticalOnABinaryVggWithPowerOfTwoAlphas() {
    InMemoryDataSplit data = data();
    assertSame(
        vggSmall(true, true, 0, Propagation.PIPELINED),
        data,
        new BitpackedSimulator(new BitpackedConfig(T, BATCH, 0, 2, KernelChoice.AUTO)),
        T);
  }

  /**
   * Arbitrary alphas, as trained XNOR networks have them after balancing: the reference sums the
   * +-1 signs over spikes exactly and scales once by alpha, as popcount and scatter do. (The
   * event-driven backend also scatters the full-precision last layer, exact only when its weights'
   * partial sums are: multiples of 2^-10 there; the binary alphas stay arbitrary.)
   */
  @Test
  void bothBackendsAreIdenticalOnABinaryVggWithArbitraryAlphas() {
    InMemoryDataSplit data = data();
    assertSame(
        vggSmall(true, false, 0, Propagation.PIPELINED),
        data,
        new BitpackedSimulator(new BitpackedConfig(T, BATCH, 0, 2, KernelChoice.AUTO)),
        T);
    assertSame(
        vggSmall(true, false, 0x1p-10, Propagation.PIPELINED),
        data,
        new EventDrivenSimulator(new EventDrivenConfig(T, BATCH, 0, 2, 0.3)),
        T);
  }

  @Test
  void bitpackedIsIdenticalInTheCrossbarFormWithArbitraryAlphas() {
    InMemoryDataSplit data = data();
    SpikingNetwork crossbar = crossbarForm(vggSmall(true, false, 0, Propagation.SAME_STEP));
    assertSame(
        crossbar,
        data,
        new BitpackedSimulator(new BitpackedConfig(T, BATCH, 0, 2, KernelChoice.POPCOUNT)),
        T);
  }

  /**
   * Spike-count readout: the output layer spikes (threshold 2^-10: this random network's output
   * currents are about 10^-3 per step) and its counts decide.
   */
  @Test
  void bothBackendsAreIdenticalWithASpikeCountReadout() {
    InMemoryDataSplit data = data();
    int steps = T / 2;
    assertSame(
        spikingOutput(vggSmall(true, true, 0, Propagation.PIPELINED), 0x1p-10f),
        data,
        new BitpackedSimulator(new BitpackedConfig(steps, BATCH, 0, 2, KernelChoice.AUTO)),
        steps);
    // the event-driven scatter is exact only when the weights' partial sums are (here: multiples of
    // 2^-10)
    assertSame(
        spikingOutput(vggSmall(false, false, 0x1p-10, Propagation.PIPELINED), 0x1p-10f),
        data,
        new EventDrivenSimulator(new EventDrivenConfig(steps, BATCH, 0, 2, 0.3)),
        steps);
  }

  /**
   * The network with its output integrator replaced by IF neurons (reset by subtraction), read by
   * spike count.
   */
  static SpikingNetwork spikingOutput(SpikingNetwork net, float threshold) {
    List<SpikingNode> nodes = new ArrayList<>(net.nodes());
    SpikingNode out = nodes.remove(nodes.size() - 1);
    nodes.add(
        new SpikingNode(
            out.name(),
            out.inputs(),
            new Neuron.IntegrateAndFire(Nd4j.createFromArray(threshold), ResetMode.SUBTRACT)));
    return new SpikingNetwork(
        net.name() + "-spike-count",
        net.inputShape(),
        nodes,
        net.encoding(),
        net.propagation(),
        Readout.SPIKE_COUNT,
        net.notes());
  }

  @Test
  void eventDrivenIsIdenticalWhenTheWeightSumsAreExact() {
    InMemoryDataSplit data = data();
    assertSame(
        vggSmall(false, false, 0x1p-10, Propagation.PIPELINED),
        data,
        new EventDrivenSimulator(new EventDrivenConfig(T, BATCH, 0, 2, 0.3)),
        T);
  }

  /**
   * Arbitrary float weights: the scatter's sums round differently from GEMM's; the traces stay
   * close.
   */
  @Test
  void eventDrivenIsCloseWithArbitraryWeights() {
    InMemoryDataSplit data = data();
    SpikingNetwork net = vggSmall(false, false, 0, Propagation.PIPELINED);
    SimulationTrace ref =
        run(
            new TimeSteppedSimulator(new TimeSteppedConfig(T, BATCH, 0)),
            net,
            data,
            new Traces.Recorder());
    SimulationTrace fast =
        run(
            new EventDrivenSimulator(new EventDrivenConfig(T, BATCH, 0, 2, 1.0)),
            net,
            data,
            new Traces.Recorder());
    for (String node : ref.spikesByNode().keySet()) {
      long a = total(ref.spikesByNode().get(node));
      long b = total(fast.spikesByNode().get(node));
      assertEquals(a, b, Math.max(5, 0.01 * a), node);
    }
    int agree = 0;
    for (int i = 0; i < IMAGES; i++) {
      agree += ref.predictions()[i] == fast.predictions()[i] ? 1 : 0;
    }
    assertTrue(agree >= IMAGES - 2, "predictions agree on " + agree + " of " + IMAGES);
  }

  /**
   * The crossbar form of a binary network (as the crossbar-form optimizer makes it): every binary
   * projection gets alpha 1 and its node the thresholds theta/alpha per output channel.
   */
  static SpikingNetwork crossbarForm(SpikingNetwork net) {
    List<SpikingNode> nodes = new ArrayList<>();
    for (SpikingNode node : net.nodes()) {
      Projection p = node.inputs().get(0);
      float[] alpha = null;
      List<Layer> ops = new ArrayList<>();
      for (Layer op : p.ops()) {
        if (op instanceof Layer.Conv2d c && c.weights() instanceof Weights.Binary b) {
          alpha = b.alpha().dup().data().asFloat();
          ops.add(
              new Layer.Conv2d(
                  c.kernel(),
                  c.stride(),
                  c.padding(),
                  new Weights.Binary(b.signs(), Nd4j.ones(alpha.length)),
                  null));
        } else if (op instanceof Layer.Dense d && d.weights() instanceof Weights.Binary b) {
          alpha = b.alpha().dup().data().asFloat();
          ops.add(new Layer.Dense(new Weights.Binary(b.signs(), Nd4j.ones(alpha.length)), null));
        } else {
          ops.add(op);
        }
      }
      if (alpha == null || !(node.neuron() instanceof Neuron.IntegrateAndFire neuron)) {
        nodes.add(node);
        continue;
      }
      float theta = (float) neuron.threshold().getDouble(0);
      float[] th = new float[alpha.length];
      for (int k = 0; k < th.length; k++) {
        th[k] = theta / alpha[k];
      }
      boolean image = ops.stream().anyMatch(op -> op instanceof Layer.Conv2d);
      INDArray thresholds =
          Nd4j.create(th, image ? new long[] {th.length, 1, 1} : new long[] {th.length}, 'c');
      nodes.add(
          new SpikingNode(
              node.name(),
              List.of(new Projection(p.source(), ops)),
              new Neuron.IntegrateAndFire(thresholds, neuron.reset())));
    }
    return new SpikingNetwork(
        net.name() + "-crossbar",
        net.inputShape(),
        nodes,
        net.encoding(),
        net.propagation(),
        net.readout(),
        net.notes());
  }
}
