package org.bsnn.plugins.evaluation;

import static org.bsnn.plugins.evaluation.Evaluations.mustNotBeAsked;
import static org.bsnn.plugins.evaluation.Evaluations.scalar;
import static org.bsnn.plugins.evaluation.Evaluations.series;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.snn.SimulationTrace;
import org.junit.jupiter.api.Test;

class SpikesPerLayerMetricTest {

  private static List<Measurement> measure(SimulationTrace trace) {
    return new SpikesPerLayerMetric()
        .measure(Evaluations.of(Optional.of(trace), mustNotBeAsked()), new TestRunContext(0));
  }

  private static Map<String, long[]> spikes() {
    Map<String, long[]> spikes = new LinkedHashMap<>();
    spikes.put("relu1", new long[] {8, 4, 0}); // 12 spikes, 10 neurons
    spikes.put("relu2", new long[] {6, 6, 6}); // 18 spikes, 5 neurons
    return spikes;
  }

  @Test
  void spikesPerSamplePerTimestepAndFiringRatePerLayer() {
    // 4 samples, T = 3, no early exit
    SimulationTrace trace =
        Evaluations.trace(
            new long[3],
            new int[4],
            new int[] {3, 3, 3, 3},
            spikes(),
            Map.of("relu1", 10L, "relu2", 5L));
    List<Measurement> m = measure(trace);
    assertEquals(
        List.of("spikes[relu1]", "firing-rate[relu1]", "spikes[relu2]", "firing-rate[relu2]"),
        m.stream().map(Measurement::metric).toList());
    assertArrayEquals(new double[] {2, 1, 0}, series(m, "spikes[relu1]").values(), 1e-12);
    assertArrayEquals(new double[] {1.5, 1.5, 1.5}, series(m, "spikes[relu2]").values(), 1e-12);
    assertEquals("spikes/sample", series(m, "spikes[relu1]").unit());
    assertEquals(12.0 / (10 * 4 * 3), scalar(m, "firing-rate[relu1]").value(), 1e-12);
    assertEquals(18.0 / (5 * 4 * 3), scalar(m, "firing-rate[relu2]").value(), 1e-12);
    assertEquals("spikes/neuron/timestep", scalar(m, "firing-rate[relu1]").unit());
  }

  @Test
  void firingRateCountsOnlyTheTimestepsASampleRan() {
    // two samples exited at t=1: the simulator counted no spikes for them afterwards, so the
    // rate is over 3 + 3 + 1 + 1 = 8 sample-timesteps, not 4 x 3
    SimulationTrace trace =
        Evaluations.trace(
            new long[3],
            new int[4],
            new int[] {3, 3, 1, 1},
            spikes(),
            Map.of("relu1", 10L, "relu2", 5L));
    List<Measurement> m = measure(trace);
    assertEquals(12.0 / (10 * 8), scalar(m, "firing-rate[relu1]").value(), 1e-12);
    assertEquals(18.0 / (5 * 8), scalar(m, "firing-rate[relu2]").value(), 1e-12);
  }

  @Test
  void aLayerWithoutANeuronCountHasNoRate() {
    SimulationTrace trace =
        Evaluations.trace(
            new long[3], new int[4], new int[] {3, 3, 3, 3}, spikes(), Map.of("relu2", 5L));
    List<Measurement> m = measure(trace);
    assertEquals(
        List.of("spikes[relu1]", "spikes[relu2]", "firing-rate[relu2]"),
        m.stream().map(Measurement::metric).toList());
  }

  @Test
  void noRowsWithoutATrace() {
    assertEquals(
        List.of(),
        new SpikesPerLayerMetric()
            .measure(Evaluations.of(Optional.empty(), mustNotBeAsked()), new TestRunContext(0)));
  }
}
