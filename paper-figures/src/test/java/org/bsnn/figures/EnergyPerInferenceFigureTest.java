package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

class EnergyPerInferenceFigureTest {

  @TempDir Path tmp;
  private final EnergyPerInferenceFigure figure = new EnergyPerInferenceFigure();

  @Test
  void rendersStably() throws Exception {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    FigureAssertions.assertRendersStablyAs(figure, r, tmp, "synth_energy-per-inference");
  }

  @Test
  void stackedByLayerOneBarPerModelInNanojoules() {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    CategoryChart chart = (CategoryChart) figure.charts(r).get(0).chart();
    assertTrue(chart.getStyler().isStacked());
    assertEquals(List.of("relu1", "relu2"), new ArrayList<>(chart.getSeriesMap().keySet()));
    assertEquals(
        List.of("ann", "fp-snn", "binary-snn"), chart.getSeriesMap().get("relu1").getXData());
    List<Double> relu2 = new ArrayList<>();
    chart.getSeriesMap().get("relu2").getYData().forEach(v -> relu2.add(v.doubleValue()));
    assertEquals(List.of(6.0, 0.9, 0.2), relu2, "pJ shown in nJ: the largest bar is 10,000 pJ");
    assertEquals("energy per input (nJ)", chart.getYAxisTitle());
  }

  @Test
  void noEnergyRowsNoFigure() {
    ExperimentResults r = ExperimentResults.split(RealRuns.fashionMnist()).get(0);
    assertFalse(figure.hasData(r));
    assertTrue(figure.charts(r).isEmpty());
  }

  @Test
  void unitsConvertToPicojoules() {
    assertEquals(1e3, EnergyPerInferenceFigure.toPicojoules("nJ"));
    assertEquals(1e6, EnergyPerInferenceFigure.toPicojoules("µJ"));
    assertTrue(Double.isNaN(EnergyPerInferenceFigure.toPicojoules("ops")));
    assertEquals(
        1.0,
        EnergyPerInferenceFigure.toPicojoules("pJ/inference"),
        "hardware models write per-inference units");
  }
}
