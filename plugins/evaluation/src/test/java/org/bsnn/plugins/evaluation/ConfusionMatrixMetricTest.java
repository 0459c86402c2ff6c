package org.bsnn.plugins.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bsnn.api.results.Measurement;
import org.junit.jupiter.api.Test;

class ConfusionMatrixMetricTest {

  private static Map<String, Double> rows(List<Measurement> ms) {
    return ms.stream()
        .collect(Collectors.toMap(Measurement::metric, m -> ((Measurement.Scalar) m).value()));
  }

  @Test
  void countsAndPerClassMetricsMatchAHandComputation() {
    // truth:     a a a b b c
    // predicted: a a b b c c
    int[] labels = {0, 0, 0, 1, 1, 2};
    int[] predicted = {0, 0, 1, 1, 2, 2};
    Map<String, Double> r =
        rows(ConfusionMatrixMetric.matrix("snn", List.of("a", "b", "c"), labels, predicted));
    assertEquals(2.0, r.get("confusion[snn][a][a]"));
    assertEquals(1.0, r.get("confusion[snn][a][b]"));
    assertEquals(0.0, r.get("confusion[snn][b][a]"));
    assertEquals(1.0, r.get("confusion[snn][b][c]"));
    assertEquals(1.0, r.get("confusion[snn][c][c]"));
    assertEquals(1.0, r.get("precision[snn][a]"));
    assertEquals(2.0 / 3, r.get("recall[snn][a]"), 1e-12);
    assertEquals(0.5, r.get("precision[snn][b]"), 1e-12);
    assertEquals(0.5, r.get("recall[snn][b]"), 1e-12);
    assertEquals(0.5, r.get("precision[snn][c]"), 1e-12);
    double f1a = 2 * 1.0 * (2.0 / 3) / (1.0 + 2.0 / 3);
    double f1c = 2 * 0.5 * 1.0 / 1.5;
    assertEquals((f1a + 0.5 + f1c) / 3, r.get("macro-f1[snn]"), 1e-12);
    assertEquals(9 + 9 + 1, r.size());
  }
}
