package org.bsnn.plugins.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitLatencyMetricTest {

  @Test
  void quantilesFollowNumpysLinearRule() {
    int[] sorted = {1, 2, 3, 4, 10};
    assertEquals(3.0, ExitLatencyMetric.quantile(sorted, 0.5), 0.0);
    assertEquals(4 + 0.8 * 6, ExitLatencyMetric.quantile(sorted, 0.95), 1e-12); // position 3.8
    assertEquals(10.0, ExitLatencyMetric.quantile(sorted, 1.0), 0.0);
    assertEquals(7.0, ExitLatencyMetric.quantile(new int[] {7}, 0.95), 0.0);
  }
}
