package org.bsnn.api.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bsnn.api.contract.InMemoryDataSplit;
import org.bsnn.api.data.Batch;
import org.bsnn.api.run.Progress;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SimulationLoopTest {

  private static InMemoryDataSplit data(int n) {
    float[][] x = new float[n][4];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      Arrays.fill(x[i], 0.5f);
      labels[i] =
          i; // the label names the sample: lets the observer see which samples a batch holds
    }
    return InMemoryDataSplit.of(x, labels, 1, 2, 2);
  }

  /** Records what the loop asks of it; drops stopped rows like the reference kernel. */
  private static final class RecordingKernel implements StepKernel {
    final List<String> calls;
    int[] rows;
    boolean closed;

    RecordingKernel(int samples, INDArray constant, List<String> calls) {
      this.calls = calls;
      this.rows = java.util.stream.IntStream.range(0, samples).toArray();
      calls.add("start " + samples + (constant == null ? " drawn" : " constant"));
    }

    @Override
    public int[] rows() {
      return rows;
    }

    @Override
    public void step(int t, INDArray drawn, int[] live) {
      assertTrue(drawn == null || drawn.size(0) == rows.length, "input for the kernel's rows");
      calls.add("step " + t + " " + Arrays.toString(live));
    }

    @Override
    public void retain(int[] live) {
      rows = live.clone();
      calls.add("retain " + Arrays.toString(live));
    }

    @Override
    public void close() {
      closed = true;
      calls.add("close");
    }
  }

  /**
   * Stops every sample whose index in the split is odd after timestep 2, and all after timestep 3.
   */
  private static final class Stopper implements StepObserver<RecordingKernel> {
    final List<String> calls;
    int[] labels;
    int first;

    Stopper(List<String> calls) {
      this.calls = calls;
    }

    @Override
    public void beginBatch(Batch batch, int first) {
      this.first = first;
      this.labels = batch.labels().clone();
      calls.add("batch from " + first + " " + Arrays.toString(labels));
    }

    @Override
    public int[] afterStep(int t, RecordingKernel kernel, int[] live) {
      if (t == 2) {
        int[] even = Arrays.stream(live).filter(i -> (first + i) % 2 == 0).toArray();
        return even.length == live.length
            ? live
            : even; // none stopped: live itself, as the contract asks
      }
      return t == 3 ? new int[0] : live;
    }

    @Override
    public void idle(int t) {
      calls.add("idle " + t);
    }

    @Override
    public void endBatch(int[] live) {
      calls.add("end " + Arrays.toString(live));
    }
  }

  private static List<String> run(int from, int to, Encoding encoding, long[] advanced) {
    List<String> calls = new ArrayList<>();
    Progress progress =
        new Progress() {
          @Override
          public void advance(long n) {
            advanced[0] += n;
          }

          @Override
          public void status(String text) {}

          @Override
          public void close() {}
        };
    new SimulationLoop(4, 3)
        .run(
            data(7),
            from,
            to,
            InputEncoder.perSample(encoding, new SplittableRandom(0)),
            (samples, constant) -> new RecordingKernel(samples, constant, calls),
            new Stopper(calls),
            progress);
    return calls;
  }

  @Test
  void stepsTheLiveSamplesRetainsAfterStopsAndIdlesOnceAllStopped() {
    long[] advanced = new long[1];
    List<String> calls = run(0, 7, Encoding.POISSON, advanced);
    assertEquals(
        List.of(
            "batch from 0 [0, 1, 2]",
            "start 3 drawn",
            "step 1 [0, 1, 2]",
            "step 2 [0, 1, 2]",
            "retain [0, 2]",
            "step 3 [0, 2]",
            "idle 4",
            "close",
            "end []",
            "batch from 3 [3, 4, 5]",
            "start 3 drawn",
            "step 1 [0, 1, 2]",
            "step 2 [0, 1, 2]",
            "retain [1]",
            "step 3 [1]",
            "idle 4",
            "close",
            "end []",
            "batch from 6 [6]",
            "start 1 drawn",
            "step 1 [0]",
            "step 2 [0]",
            "step 3 [0]",
            "idle 4",
            "close",
            "end []"),
        calls);
    assertEquals(7 * 4, advanced[0], "every sample's timesteps count, stopped or not");
  }

  @Test
  void aShardStartsInsideABatchAndDirectInputIsConstant() {
    long[] advanced = new long[1];
    List<String> calls = run(2, 5, Encoding.DIRECT, advanced);
    assertEquals("batch from 2 [2]", calls.get(0));
    assertEquals("start 1 constant", calls.get(1));
    assertTrue(calls.contains("batch from 3 [3, 4]"), calls.toString());
    assertEquals(3 * 4, advanced[0]);
  }
}
