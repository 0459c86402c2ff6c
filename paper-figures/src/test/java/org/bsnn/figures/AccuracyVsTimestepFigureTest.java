package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class AccuracyVsTimestepFigureTest {

  @TempDir Path tmp;
  private final AccuracyVsTimestepFigure figure = new AccuracyVsTimestepFigure();

  @Test
  void rendersFpAndBinaryCurvesWithAnnReferencesStably() throws Exception {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    List<Path> files =
        FigureAssertions.assertRendersStablyAs(figure, r, tmp, "synth_accuracy-vs-timestep");
    assertEquals(1916, FigureAssertions.pngWidth(files.get(0)), "460 pt at 300 dpi");
  }

  @Test
  void plotsMeanOverSeedsInPercentWithBandsAndDashedAnnLines() {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    XYChart chart = (XYChart) figure.charts(r).get(0).chart();
    XYSeries fp = chart.getSeriesMap().get("FP SNN");
    XYSeries ann = chart.getSeriesMap().get("FP ANN");
    assertTrue(chart.getSeriesMap().containsKey("binary SNN"));
    assertTrue(chart.getSeriesMap().containsKey("binary ANN"));
    assertEquals(40, fp.getXData().length);
    // seed s: top 0.915 - 0.01 s, time constant 6 + s
    double meanLast =
        (TestRows.curve(40, 0.915, 6)[39]
                + TestRows.curve(40, 0.905, 7)[39]
                + TestRows.curve(40, 0.895, 8)[39])
            / 3;
    assertEquals(100 * meanLast, fp.getYData()[39], 1e-9);
    assertEquals(91.0, ann.getYData()[0], 1e-9, "mean FP ANN accuracy of the three seeds");
    assertFalse(chart.getSeriesMap().get("FP SNN ±1 std").isShowInLegend());
    assertEquals(
        XYSeries.XYSeriesRenderStyle.PolygonArea,
        chart.getSeriesMap().get("FP SNN ±1 std").getXYSeriesRenderStyle());
    assertTrue(ann.getLineStyle().getDashArray() != null, "ANN reference is dashed");
  }

  @Test
  void sweepOverConversionParametersGivesOneChartPerPrecisionWithOneAnnLine() {
    ExperimentResults r = ExperimentResults.split(TestRows.percentileSweep()).get(0);
    List<NamedChart> charts = figure.charts(r);
    assertEquals(
        List.of("sweep_accuracy-vs-timestep_fp", "sweep_accuracy-vs-timestep_binary"),
        charts.stream().map(NamedChart::stem).toList());
    XYChart fp = (XYChart) charts.get(0).chart();
    assertTrue(fp.getSeriesMap().containsKey("FP SNN, percentile 99.7"));
    assertTrue(fp.getSeriesMap().containsKey("FP ANN"));
    assertFalse(fp.getSeriesMap().containsKey("binary ANN"));
    assertEquals(
        4 + 1, fp.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).count());
    assertEquals(
        4,
        fp.getSeriesMap().values().stream()
                .filter(s -> s.isShowInLegend())
                .map(s -> s.getLineColor())
                .distinct()
                .count()
            - 1,
        "four SNN colours and the black ANN line");
    XYChart binary = (XYChart) charts.get(1).chart();
    assertTrue(binary.getSeriesMap().containsKey("binary SNN, percentile 100.0"));
    assertTrue(binary.getSeriesMap().containsKey("binary ANN"));
    assertTrue(charts.get(1).caption().contains("(binary)"), charts.get(1).caption());
  }

  @Test
  void aLegendTooLongForOneRowGoesIntoTheEmptyLowerRight() {
    ExperimentResults r = ExperimentResults.split(TestRows.percentileSweep()).get(0);
    XYChart fp = (XYChart) figure.charts(r).get(0).chart();
    assertEquals(
        org.knowm.xchart.style.Styler.LegendPosition.InsideSE, fp.getStyler().getLegendPosition());
    XYChart headline =
        (XYChart) figure.charts(ExperimentResults.split(TestRows.headline()).get(0)).get(0).chart();
    assertEquals(
        org.knowm.xchart.style.Styler.LegendPosition.OutsideS,
        headline.getStyler().getLegendPosition());
  }

  @Test
  void noDataWithoutTheSeries() {
    ExperimentResults r = ExperimentResults.split(TestRows.earlyExit()).get(0);
    assertFalse(figure.hasData(r));
    assertTrue(figure.charts(r).isEmpty());
  }
}
