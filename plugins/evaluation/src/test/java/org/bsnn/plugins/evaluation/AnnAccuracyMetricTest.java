package org.bsnn.plugins.evaluation;

import static org.bsnn.plugins.evaluation.Evaluations.ann;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.results.Measurement;
import org.junit.jupiter.api.Test;

class AnnAccuracyMetricTest {

  @Test
  void accuracyOfTheAnnPredictions() {
    // labels 0 1 1 0, predictions 0 1 0 0: 3 of 4
    AtomicInteger calls = new AtomicInteger();
    List<Measurement> m =
        new AnnAccuracyMetric()
            .measure(
                Evaluations.of(Optional.empty(), ann(new int[] {0, 1, 0, 0}, calls)),
                new TestRunContext(0));
    assertEquals(List.of(new Measurement.Scalar("ann-accuracy", 0.75, "fraction")), m);
    assertEquals(1, calls.get());
  }

  @Test
  void measuredAlsoWhenATraceIsPresent() {
    List<Measurement> m =
        new AnnAccuracyMetric()
            .measure(
                Evaluations.of(
                    Optional.of(
                        Evaluations.trace(
                            new long[] {4},
                            new int[] {0, 1, 1, 0},
                            new int[] {1, 1, 1, 1},
                            Map.of(),
                            Map.of())),
                    ann(new int[] {1, 1, 1, 1}, new AtomicInteger())),
                new TestRunContext(0));
    assertEquals(List.of(new Measurement.Scalar("ann-accuracy", 0.5, "fraction")), m);
  }
}
