package org.bsnn.plugins.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.snn.TimestepView;
import org.bsnn.api.stage.Optimizer;

/** Trace comparison and a recorder of the output potential at every timestep. */
final class Traces {

  private Traces() {}

  /** Every field of the two traces is equal (spike counts per node per timestep included). */
  static void assertIdentical(SimulationTrace expected, SimulationTrace actual) {
    assertEquals(expected.timesteps(), actual.timesteps());
    assertArrayEquals(expected.labels(), actual.labels(), "labels");
    assertEquals(expected.spikesByNode().keySet(), actual.spikesByNode().keySet(), "spiking nodes");
    for (String node : expected.spikesByNode().keySet()) {
      assertArrayEquals(
          expected.spikesByNode().get(node),
          actual.spikesByNode().get(node),
          "spikes per timestep of " + node);
    }
    assertEquals(expected.neuronsByNode(), actual.neuronsByNode(), "neurons by node");
    assertArrayEquals(
        expected.correctByTimestep(), actual.correctByTimestep(), "correct by timestep");
    assertArrayEquals(expected.predictions(), actual.predictions(), "predictions");
    assertArrayEquals(expected.exitTimestep(), actual.exitTimestep(), "exit timesteps");
    assertEquals(
        expected.inputCurrentNonZero(), actual.inputCurrentNonZero(), "input non-zero count");
    assertEquals(
        expected.firstOutputTimestep(), actual.firstOutputTimestep(), "first output timestep");
  }

  /** Total spikes of a node over the run. */
  static long total(long[] perStep) {
    long s = 0;
    for (long x : perStep) {
      s += x;
    }
    return s;
  }

  /** Records the output potential of every active sample after every timestep; never stops any. */
  static final class Recorder implements Optimizer {
    final List<int[]> indices = new ArrayList<>();
    final List<float[]> potentials = new ArrayList<>();

    @Override
    public boolean[] onTimestep(TimestepView view) {
      indices.add(view.sampleIndices().clone());
      potentials.add(view.outputPotential().dup('c').data().asFloat());
      return null;
    }

    /** Bit-for-bit equal output potentials at every timestep. */
    void assertSameAs(Recorder other) {
      assertEquals(indices.size(), other.indices.size(), "calls");
      for (int i = 0; i < indices.size(); i++) {
        assertArrayEquals(indices.get(i), other.indices.get(i), "samples at call " + i);
        assertArrayEquals(
            potentials.get(i), other.potentials.get(i), 0f, "output potential at call " + i);
      }
    }
  }

  /** Stops a sample once its output potential's maximum reaches {@code level} (an early exit). */
  static final class ExitAbove implements Optimizer {
    final float level;

    ExitAbove(float level) {
      this.level = level;
    }

    @Override
    public boolean[] onTimestep(TimestepView view) {
      float[] v = view.outputPotential().dup('c').data().asFloat();
      int n = view.sampleIndices().length;
      int classes = v.length / Math.max(n, 1);
      boolean[] stop = new boolean[n];
      for (int i = 0; i < n; i++) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
          max = Math.max(max, v[i * classes + c]);
        }
        stop[i] = max >= level;
      }
      return stop;
    }
  }

  /**
   * Images in [0, 1): one random prototype per class plus noise, so that samples differ by class.
   */
  static InMemoryDataSplit images(long seed, int count, int channels, int size, int classes) {
    Random r = new Random(seed);
    int length = channels * size * size;
    float[][] prototypes = new float[classes][length];
    for (float[] p : prototypes) {
      for (int j = 0; j < length; j++) {
        p[j] = r.nextFloat() < 0.4f ? r.nextFloat() : 0f;
      }
    }
    float[][] images = new float[count][length];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = r.nextInt(classes);
      for (int j = 0; j < length; j++) {
        images[i][j] =
            Math.min(
                0.999f, Math.max(0f, prototypes[labels[i]][j] + 0.25f * (r.nextFloat() - 0.5f)));
      }
    }
    return InMemoryDataSplit.of(images, labels, channels, size, size);
  }
}
