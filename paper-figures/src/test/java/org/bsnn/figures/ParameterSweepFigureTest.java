package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class ParameterSweepFigureTest {

  @TempDir Path tmp;
  private final ParameterSweepFigure figure = new ParameterSweepFigure();

  @Test
  void oneChartPerNumericSweepKeyRenderedStably() throws Exception {
    ExperimentResults r = ExperimentResults.split(TestRows.percentileSweep()).get(0);
    FigureAssertions.assertRendersStablyAs(figure, r, tmp, "sweep_sweep_normalize.percentile");
  }

  @Test
  void plotsAccuracyAgainstTheParameterPerPrecision() {
    ExperimentResults r = ExperimentResults.split(TestRows.percentileSweep()).get(0);
    XYChart chart = (XYChart) figure.charts(r).get(0).chart();
    assertArrayEquals(
        new double[] {99.0, 99.7, 99.9, 100.0}, chart.getSeriesMap().get("FP SNN").getXData());
    assertArrayEquals(
        new double[] {88.0, 88.5, 89.0, 89.5}, chart.getSeriesMap().get("FP SNN").getYData(), 1e-9);
    assertArrayEquals(
        new double[] {86.0, 86.5, 87.0, 87.5},
        chart.getSeriesMap().get("binary SNN").getYData(),
        1e-9);
    assertArrayEquals(
        new double[] {90, 90, 90, 90}, chart.getSeriesMap().get("FP ANN").getYData(), 1e-9);
  }

  @Test
  void noNumericSweepNoChart() {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0); // binarize only
    assertFalse(figure.hasData(r));
    assertTrue(figure.charts(r).isEmpty());
  }
}
