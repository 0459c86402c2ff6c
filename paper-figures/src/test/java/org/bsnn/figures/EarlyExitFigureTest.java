package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class EarlyExitFigureTest {

  @TempDir Path tmp;
  private final EarlyExitFigure figure = new EarlyExitFigure();

  @Test
  void rendersStably() throws Exception {
    ExperimentResults r = ExperimentResults.split(TestRows.earlyExit()).get(0);
    FigureAssertions.assertRendersStablyAs(figure, r, tmp, "exit_early-exit");
  }

  @Test
  void onePointPerThresholdAtMeanLatencyWithStdErrorBars() {
    ExperimentResults r = ExperimentResults.split(TestRows.earlyExit()).get(0);
    XYChart chart = (XYChart) figure.charts(r).get(0).chart();
    XYSeries fp = chart.getSeriesMap().get("FP SNN");
    // latency per threshold i: seeds 5(i+1) and 5(i+1)+1; accuracy 0.7 + 0.05 i (+0.01 for seed 1)
    assertArrayEquals(new double[] {5.5, 10.5, 15.5, 20.5}, fp.getXData(), 1e-9);
    assertArrayEquals(new double[] {70.5, 75.5, 80.5, 85.5}, fp.getYData(), 1e-9);
    assertNotNull(fp.getExtraValues());
    assertEquals(Math.sqrt(0.5), fp.getExtraValues()[0], 1e-9, "std of 70 and 71");
    assertArrayEquals(
        new double[] {68.5, 73.5, 78.5, 83.5},
        chart.getSeriesMap().get("binary SNN").getYData(),
        1e-9);
    assertEquals(90.0, chart.getSeriesMap().get("FP ANN").getYData()[0], 1e-9);
  }

  @Test
  void realEarlyExitRunHasOnePointPerVariant() throws Exception {
    ExperimentResults r = ExperimentResults.split(RealRuns.earlyExit()).get(0);
    XYChart chart = (XYChart) figure.charts(r).get(0).chart();
    assertEquals(1, chart.getSeriesMap().get("FP SNN").getXData().length);
    FigureAssertions.assertRendersStably(figure, r, tmp);
  }

  @Test
  void noDataWithoutExitMetrics() {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    assertFalse(figure.hasData(r));
  }
}
