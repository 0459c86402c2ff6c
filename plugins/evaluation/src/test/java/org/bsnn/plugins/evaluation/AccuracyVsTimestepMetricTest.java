package org.bsnn.plugins.evaluation;

import static org.bsnn.plugins.evaluation.Evaluations.ann;
import static org.bsnn.plugins.evaluation.Evaluations.mustNotBeAsked;
import static org.bsnn.plugins.evaluation.Evaluations.scalar;
import static org.bsnn.plugins.evaluation.Evaluations.series;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.snn.SimulationTrace;
import org.junit.jupiter.api.Test;

class AccuracyVsTimestepMetricTest {

  // 4 samples: accuracy 0, 1/4, 1/2, 3/4, 3/4 over 5 timesteps; final predictions 3 of 4 right
  private static final SimulationTrace TRACE =
      Evaluations.trace(
          new long[] {0, 1, 2, 3, 3},
          new int[] {0, 1, 1, 1},
          new int[] {5, 5, 5, 5},
          Map.of(),
          Map.of());

  private static List<Measurement> measure(
      List<Double> within, int[] annPredictions, AtomicInteger calls) {
    return new AccuracyVsTimestepMetric(new AccuracyVsTimestepConfig(within))
        .measure(
            Evaluations.of(Optional.of(TRACE), ann(annPredictions, calls)), new TestRunContext(0));
  }

  @Test
  void seriesIsTheAccuracyAtEveryTimestepAndFinalComesFromThePredictions() {
    List<Measurement> m = measure(List.of(), new int[] {0, 1, 1, 0}, new AtomicInteger());
    Measurement.Series s = series(m, "snn-accuracy");
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 0.75}, s.values(), 1e-12);
    assertEquals("fraction", s.unit());
    assertEquals(0.75, scalar(m, "snn-final-accuracy").value(), 1e-12);
    assertEquals(2, m.size());
  }

  @Test
  void timestepsToWithinIsTheFirstTimestepWithinTheGapOfTheAnn() {
    // ANN accuracy 1.0 (all four right)
    List<Measurement> m =
        measure(List.of(25.0, 50.0, 80.0, 100.0), new int[] {0, 1, 1, 0}, new AtomicInteger());
    assertEquals(
        4.0,
        scalar(m, "timesteps-to-within[25.0 pt]").value(),
        0.0,
        "0.75 reached at t=4 (equal counts)");
    assertEquals(3.0, scalar(m, "timesteps-to-within[50.0 pt]").value(), 0.0);
    assertEquals(2.0, scalar(m, "timesteps-to-within[80.0 pt]").value(), 0.0);
    assertEquals(1.0, scalar(m, "timesteps-to-within[100.0 pt]").value(), 0.0);
    assertEquals("timesteps", scalar(m, "timesteps-to-within[25.0 pt]").unit());
  }

  @Test
  void timestepsToWithinIsNaNWhenNeverWithin() {
    List<Measurement> m = measure(List.of(0.5, 1.0), new int[] {0, 1, 1, 0}, new AtomicInteger());
    assertTrue(Double.isNaN(scalar(m, "timesteps-to-within[0.5 pt]").value()));
    assertTrue(Double.isNaN(scalar(m, "timesteps-to-within[1.0 pt]").value()));
  }

  @Test
  void theGapIsMeasuredFromTheAnnAccuracy() {
    // ANN accuracy 0.5: within 0 pt at t=3, when the SNN first reaches 0.5
    AtomicInteger calls = new AtomicInteger();
    List<Measurement> m = measure(List.of(0.0), new int[] {0, 0, 1, 1}, calls);
    assertEquals(3.0, scalar(m, "timesteps-to-within[0.0 pt]").value(), 0.0);
    assertEquals(1, calls.get(), "ANN predictions are asked for once");
  }

  @Test
  void theAnnIsComparedOnTheImagesTheSnnSaw() {
    Evaluation.AnnPredictions ann =
        new Evaluation.AnnPredictions(
            new int[] {0, 1, 2, 3, 4, 5}, new int[] {0, 1, 0, 0, 0, 0}, new float[6][1]);
    assertEquals(
        1.0,
        AccuracyVsTimestepMetric.annAccuracyOnSimulatedSamples(ann, 2),
        0.0,
        "first two images: both right");
    assertEquals(0.5, AccuracyVsTimestepMetric.annAccuracyOnSimulatedSamples(ann, 4), 0.0);
    assertEquals(2.0 / 6, AccuracyVsTimestepMetric.annAccuracyOnSimulatedSamples(ann, 100), 1e-12);
  }

  @Test
  void noGapsMeansTheAnnIsNotEvaluated() {
    List<Measurement> m =
        new AccuracyVsTimestepMetric(new AccuracyVsTimestepConfig(List.of()))
            .measure(Evaluations.of(Optional.of(TRACE), mustNotBeAsked()), new TestRunContext(0));
    assertEquals(2, m.size());
  }

  @Test
  void noRowsWithoutATrace() {
    List<Measurement> m =
        new AccuracyVsTimestepMetric(new AccuracyVsTimestepProvider().defaults())
            .measure(Evaluations.of(Optional.empty(), mustNotBeAsked()), new TestRunContext(0));
    assertEquals(List.of(), m);
  }

  @Test
  void firstWithinToleratesRoundingButNotRealGaps() {
    assertEquals(
        2.0, AccuracyVsTimestepMetric.firstWithin(new double[] {0.1, 0.3 - 1e-15}, 0.3), 0.0);
    assertTrue(Double.isNaN(AccuracyVsTimestepMetric.firstWithin(new double[] {0.1, 0.2999}, 0.3)));
    assertTrue(Double.isNaN(AccuracyVsTimestepMetric.firstWithin(new double[0], 0.0)));
  }

  @Test
  void aCurveThatDipsBelowTheTargetHasNotSettledUntilItStaysAbove() {
    assertEquals(
        4.0,
        AccuracyVsTimestepMetric.firstWithin(new double[] {0.1, 0.5, 0.2, 0.5, 0.6}, 0.5),
        0.0);
    assertTrue(
        Double.isNaN(AccuracyVsTimestepMetric.firstWithin(new double[] {0.6, 0.6, 0.4}, 0.5)));
  }
}
