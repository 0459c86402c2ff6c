package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;

class ConfusionMatrixFigureTest {

  @TempDir Path tmp;
  private final ConfusionMatrixFigure figure = new ConfusionMatrixFigure();

  @Test
  void oneHeatMapPerVariantAndClassifierRenderedStably() throws Exception {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    FigureAssertions.assertRendersStablyAs(figure, r, tmp, "synth_confusion_snn_binarize=none");
  }

  @Test
  void cellsArePercentOfTheTrueClassWithTheFirstClassOnTop() {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    HeatMapChart chart = (HeatMapChart) figure.charts(r).get(0).chart();
    HeatMapSeries s = chart.getHeatMapSeries();
    assertEquals(List.of("bird", "cat", "dog"), s.getXData());
    assertEquals(List.of("dog", "cat", "bird"), s.getYData());
    // bird predicted as bird: 90 of 100 -> 90 %, drawn in column 0, top row (index 2)
    Number[] cell = null;
    for (Number[] c : s.getHeatData()) {
      if (c[0].intValue() == 0 && c[1].intValue() == 2) {
        cell = c;
      }
    }
    assertEquals(90.0, cell[2].doubleValue(), 1e-9);
  }

  @Test
  void noConfusionRowsNoFigure() {
    assertFalse(figure.hasData(ExperimentResults.split(RealRuns.fashionMnist()).get(0)));
  }
}
