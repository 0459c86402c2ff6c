package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class SpikesPerLayerFigureTest {

  @TempDir Path tmp;
  private final SpikesPerLayerFigure figure = new SpikesPerLayerFigure();

  @Test
  void rendersStably() throws Exception {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    FigureAssertions.assertRendersStablyAs(figure, r, tmp, "synth_spikes-per-layer");
  }

  @Test
  void barsAreSpikesPerInputOverAllTimestepsMeanOverSeeds() {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    CategoryChart chart = (CategoryChart) figure.charts(r).get(0).chart();
    CategorySeries fp = chart.getSeriesMap().get("FP SNN");
    assertEquals(List.of("relu1", "relu2", "relu3"), fp.getXData());
    // layer 2, FP: 200 + 10 s spikes per timestep for 40 timesteps, seeds 0..2 -> 40 * 210 on
    // average
    List<Double> y = new java.util.ArrayList<>();
    fp.getYData().forEach(v -> y.add(v.doubleValue()));
    assertEquals(40 * 210.0, y.get(1), 1e-9);
    List<Double> err = new java.util.ArrayList<>();
    fp.getExtraValues().forEach(v -> err.add(v.doubleValue()));
    assertEquals(400.0, err.get(1), 1e-9, "std over seeds of 8000, 8400, 8800");
  }

  @Test
  void noDataWithoutSpikeSeries() {
    assertFalse(figure.hasData(ExperimentResults.split(TestRows.earlyExit()).get(0)));
  }
}
