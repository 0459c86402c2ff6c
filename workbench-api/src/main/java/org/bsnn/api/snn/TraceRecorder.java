package org.bsnn.api.snn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.data.Batch;
import org.bsnn.api.stage.Optimizer;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the {@link SimulationTrace} of samples {@code [from, to)} from a {@link SpikingKernel}'s
 * steps: spikes per node and timestep, the readout (argmax of the output potential, lowest index on
 * ties; or spike counts with {@link SpikingDynamics#spikeCountWinner}), accuracy per timestep, the
 * first timestep with output, and the run-time optimizers ({@link Optimizer#onTimestep}), whose
 * stopped samples keep their prediction of that timestep. Every batch's image shape is checked
 * against the network's before its first step.
 */
public final class TraceRecorder implements StepObserver<SpikingKernel> {

  private final SpikingNetwork network;
  private final List<Optimizer> optimizers;
  private final int steps;
  private final int from;
  private final int classes;
  private final boolean byCount;
  private final int[] labels;
  private final int[] predictions;
  private final int[] exit;
  private final long[] correct;
  private final int[] spikingNodes;
  private final long[][] spikes;
  private final Map<String, Long> neurons = new LinkedHashMap<>();
  private long inputNonZero;
  private int firstOutput;

  // the current batch
  private Batch batch;
  private int offset;
  private boolean[] stopped;
  private long stoppedCorrect;
  private boolean heard;

  /**
   * A recorder for samples {@code [from, to)}.
   *
   * @param shapes every node's per-sample shape ({@link SpikingDynamics#shapes})
   */
  public TraceRecorder(
      SpikingNetwork network,
      Map<String, long[]> shapes,
      List<Optimizer> optimizers,
      int steps,
      int from,
      int to) {
    this.network = network;
    this.optimizers = List.copyOf(optimizers);
    this.steps = steps;
    this.from = from;
    this.classes = Math.toIntExact(shapes.get(network.output().name())[0]);
    this.byCount = network.readout() == Readout.SPIKE_COUNT;
    int samples = to - from;
    labels = new int[samples];
    predictions = new int[samples];
    exit = new int[samples];
    correct = new long[steps];
    List<SpikingNode> nodes = network.nodes();
    spikingNodes =
        java.util.stream.IntStream.range(0, nodes.size())
            .filter(j -> nodes.get(j).spiking())
            .toArray();
    spikes = new long[spikingNodes.length][steps];
    for (int j : spikingNodes) {
      neurons.put(
          nodes.get(j).name(),
          Arrays.stream(shapes.get(nodes.get(j).name())).reduce(1, (a, b) -> a * b));
    }
  }

  @Override
  public void beginBatch(Batch b, int first) {
    long[] image = Arrays.copyOfRange(b.features().shape(), 1, 4);
    if (!Arrays.equals(image, network.inputShape())) {
      throw new UserFacingException(
          "the data's images have shape "
              + Arrays.toString(image)
              + " [channels, height, width] but the spiking network '"
              + network.name()
              + "' expects "
              + Arrays.toString(network.inputShape())
              + "; simulate the network on the dataset it was trained for (or check the dataset's preprocessing)");
    }
    batch = b;
    offset = first - from;
    stopped = new boolean[b.size()];
    stoppedCorrect = 0;
    heard = false;
    System.arraycopy(b.labels(), 0, labels, offset, b.size());
    if (network.encoding() == Encoding.DIRECT) {
      try (INDArray nonZero = b.features().neq(0);
          INDArray asInt = nonZero.castTo(org.nd4j.linalg.api.buffer.DataType.INT32)) {
        inputNonZero += asInt.sumNumber().longValue();
      }
    }
  }

  @Override
  public int[] afterStep(int t, SpikingKernel kernel, int[] live) {
    for (int k = 0; k < spikingNodes.length; k++) {
      spikes[k][t - 1] += kernel.spikes(spikingNodes[k]);
    }
    int[] predicted = new int[live.length];
    float[] potential = null;
    if (kernel.outputReady()) {
      potential = new float[live.length * classes];
      float[] counts = byCount ? new float[potential.length] : null;
      kernel.output(live, potential, counts);
      if (!heard
          && (firstOutput == 0 || t < firstOutput)
          && anyNonZero(byCount ? counts : potential)) {
        firstOutput = t; // batches restart at t = 1, so keep the earliest over all batches
        heard = true;
      }
      for (int r = 0; r < live.length; r++) {
        predicted[r] =
            byCount
                ? SpikingDynamics.spikeCountWinner(counts, potential, r * classes, classes)
                : argmax(potential, r * classes);
      }
    } else {
      Arrays.fill(predicted, -1);
    }
    long right = stoppedCorrect;
    int[] truth = batch.labels();
    for (int r = 0; r < live.length; r++) {
      int i = live[r];
      if (predicted[r] == truth[i]) {
        right++;
      }
      predictions[offset + i] = predicted[r];
    }
    correct[t - 1] += right;
    return potential == null || optimizers.isEmpty()
        ? live
        : askOptimizers(t, live, potential, predicted);
  }

  @Override
  public void idle(int t) {
    correct[t - 1] += stoppedCorrect;
  }

  @Override
  public void endBatch(int[] live) {
    for (int i : live) {
      exit[offset + i] = steps;
    }
    batch = null;
  }

  /** The trace of the samples recorded. */
  public SimulationTrace build() {
    Map<String, long[]> byNode = new LinkedHashMap<>();
    for (int k = 0; k < spikingNodes.length; k++) {
      byNode.put(network.nodes().get(spikingNodes[k]).name(), spikes[k].clone());
    }
    return new SimulationTrace(
        steps,
        labels.clone(),
        correct.clone(),
        predictions.clone(),
        exit.clone(),
        byNode,
        neurons,
        inputNonZero,
        firstOutput == 0 ? steps + 1 : firstOutput);
  }

  private int[] askOptimizers(int t, int[] live, float[] potential, int[] predicted) {
    int[] global = new int[live.length];
    for (int r = 0; r < live.length; r++) {
      global[r] = from + offset + live[r];
    }
    int stops = 0;
    try (INDArray shown = Nd4j.create(potential, new long[] {live.length, classes}, 'c')) {
      TimestepView view = new TimestepView(t, global, shown);
      for (Optimizer optimizer : optimizers) {
        boolean[] stop = optimizer.onTimestep(view);
        if (stop == null) {
          continue;
        }
        for (int r = 0; r < live.length; r++) {
          int i = live[r];
          if (stop[r] && !stopped[i]) {
            stopped[i] = true;
            exit[offset + i] = t;
            if (predicted[r] == batch.labels()[i]) {
              stoppedCorrect++;
            }
            stops++;
          }
        }
      }
    }
    if (stops == 0) {
      return live;
    }
    int[] next = new int[live.length - stops];
    int k = 0;
    for (int i : live) {
      if (!stopped[i]) {
        next[k++] = i;
      }
    }
    return next;
  }

  private static boolean anyNonZero(float[] values) {
    for (float x : values) {
      if (Math.abs(x) > 0) {
        return true;
      }
    }
    return false;
  }

  /** First index of the row's maximum (ND4J's argMax). */
  private int argmax(float[] v, int at) {
    int best = 0;
    float max = v[at];
    for (int c = 1; c < classes; c++) {
      if (v[at + c] > max) {
        max = v[at + c];
        best = c;
      }
    }
    return best;
  }
}
