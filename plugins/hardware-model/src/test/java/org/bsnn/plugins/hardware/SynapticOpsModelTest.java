package org.bsnn.plugins.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.snn.Encoding;
import org.bsnn.api.snn.Propagation;
import org.junit.jupiter.api.Test;

class SynapticOpsModelTest {

  private static List<Measurement> run(boolean layerSeries, org.bsnn.api.results.Evaluation e) {
    return new SynapticOpsModel(new SynapticOpsConfig(layerSeries))
        .estimate(e, new TestRunContext(0));
  }

  @Test
  void annMacsFromTheShapes() {
    List<Measurement> ms = run(false, Tiny.annOnly(false));
    assertEquals(12, Tiny.scalar(ms, "macs[ann][dense1]"));
    assertEquals(6, Tiny.scalar(ms, "macs[ann][dense2]"));
    assertEquals(18, Tiny.scalar(ms, "macs[ann][total]"));
    Tiny.assertNone(ms, "synops");
  }

  @Test
  void pipelinedCountsByHand() {
    List<Measurement> ms =
        run(true, Tiny.evaluation(false, Propagation.PIPELINED, new int[] {3, 3}));
    // relu: direct input, 3 non-zero pixels/sample x fan-out 3 = 9 MACs per sample and step, 3
    // steps
    assertEquals(27, Tiny.scalar(ms, "synops[snn][relu]"), 1e-12);
    // dense2 reads relu's spikes one step late: (2 + 4) spikes x fan-out 2 = 12 ACs over 2 samples
    assertEquals(6, Tiny.scalar(ms, "synops[snn][dense2]"), 1e-12);
    assertEquals(33, Tiny.scalar(ms, "synops[snn][total]"), 1e-12);
    assertEquals(27, Tiny.scalar(ms, "macs[snn][total]"), 1e-12);
    assertEquals(6, Tiny.scalar(ms, "acs[snn][total]"), 1e-12);
    assertArrayEquals(new double[] {9, 20, 33}, Tiny.series(ms, "synops[snn][total]"), 1e-12);
    assertArrayEquals(new double[] {0, 2, 6}, Tiny.series(ms, "synops[snn][dense2]"), 1e-12);
  }

  @Test
  void sameStepReadsThisStepsSpikes() {
    List<Measurement> ms =
        run(false, Tiny.evaluation(false, Propagation.SAME_STEP, new int[] {3, 3}));
    assertEquals((2 + 4 + 6) * 2 / 2.0, Tiny.scalar(ms, "synops[snn][dense2]"), 1e-12);
    assertArrayEquals(
        new double[] {9 + 2, 9 + 2 + 9 + 4, 9 + 2 + 9 + 4 + 9 + 6},
        Tiny.series(ms, "synops[snn][total]"),
        1e-12);
  }

  @Test
  void earlyExitedSamplesStopCostingFirstLayerMacs() {
    // sample 0 exits at t=1: 2, 1, 1 samples run at t = 1, 2, 3
    List<Measurement> ms =
        run(false, Tiny.evaluation(false, Propagation.PIPELINED, new int[] {1, 3}));
    assertEquals(3 * 3 * (2 + 1 + 1) / 2.0, Tiny.scalar(ms, "synops[snn][relu]"), 1e-12);
  }

  @Test
  void poissonInputCountsExpectedSpikesAsAccumulates() {
    // expected spikes per sample: sum min(1,|x|) = (0 + .5 + 1 + 1 + 0 + 1 + .25 + 0) / 2 = 1.875
    List<Measurement> ms =
        run(
            false,
            Tiny.evaluation(false, Propagation.PIPELINED, Encoding.POISSON, new int[] {3, 3}));
    assertEquals(1.875 * 3 * 3, Tiny.scalar(ms, "synops[snn][relu]"), 1e-12);
    assertEquals(0, Tiny.scalar(ms, "macs[snn][total]"), 1e-12);
  }
}
