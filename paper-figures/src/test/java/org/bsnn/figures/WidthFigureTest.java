package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class WidthFigureTest {

  @TempDir Path tmp;
  private final WidthFigure figure = new WidthFigure();
  private final ExperimentResults study =
      WidthStudyTest.study(WidthStudyTest.ANN_GAPS, WidthStudyTest.SNN_GAPS);

  private XYChart chart(String qualifier) {
    return (XYChart)
        figure.charts(study).stream()
            .filter(c -> c.stem().equals("width_width_" + qualifier))
            .findFirst()
            .orElseThrow()
            .chart();
  }

  private static final double[] LOG2_WIDTHS = {3, 4, 5, 6};

  @Test
  void threeChartsRenderedStably() throws Exception {
    List<Path> files = FigureAssertions.assertRendersStably(figure, study, tmp);
    assertEquals(
        List.of(
            "width_width_accuracy.png",
            "width_width_accuracy.svg",
            "width_width_gap.png",
            "width_width_gap.svg",
            "width_width_latency.png",
            "width_width_latency.svg"),
        FigureAssertions.names(files));
  }

  @Test
  void accuracyIsTheMeanOverSeedsAgainstLog2WidthWithStdErrorBars() {
    XYChart c = chart("accuracy");
    XYSeries fpAnn = c.getSeriesMap().get("FP ANN");
    assertArrayEquals(LOG2_WIDTHS, fpAnn.getXData(), 1e-12);
    for (int i = 0; i < 4; i++) {
      double mean = 100 * (TestRows.widthFpAnn(i, 0) + TestRows.widthFpAnn(i, 1)) / 2;
      assertEquals(mean, fpAnn.getYData()[i], 1e-9);
    }
    XYSeries binSnn = c.getSeriesMap().get("binary SNN");
    assertNotNull(binSnn.getExtraValues(), "two seeds: error bars");
    assertEquals(4, c.getSeriesMap().keySet().stream().filter(k -> !k.isBlank()).count());
    assertEquals("16", WidthFigure.widthLabel(16.0000000001));
    assertEquals("11.3", WidthFigure.widthLabel(Math.pow(2, 3.5)));
  }

  @Test
  void gapIsBinaryMinusFullPrecisionPairedBySeed() {
    XYChart c = chart("gap");
    XYSeries snn = c.getSeriesMap().get("SNN");
    XYSeries ann = c.getSeriesMap().get("ANN");
    assertArrayEquals(WidthStudyTest.SNN_GAPS, snn.getYData(), 1e-9);
    assertArrayEquals(WidthStudyTest.ANN_GAPS, ann.getYData(), 1e-9);
    for (double e : snn.getExtraValues()) {
      assertEquals(Math.sqrt(0.02), e, 1e-9);
    }
    assertTrue(c.getSeriesMap().containsKey("tolerance (−1.0 pt)"));
  }

  @Test
  void latencyIsTimestepsToWithinOnePointPerPrecision() {
    XYChart c = chart("latency");
    assertArrayEquals(
        new double[] {20.5, 30.5, 40.5, 50.5}, c.getSeriesMap().get("FP SNN").getYData(), 1e-9);
    assertArrayEquals(
        new double[] {30.5, 40.5, 50.5, 60.5}, c.getSeriesMap().get("binary SNN").getYData(), 1e-9);
  }

  @Test
  void noWidthSweepNoChart() {
    ExperimentResults r = ExperimentResults.of("sweep", TestRows.percentileSweep());
    assertFalse(figure.hasData(r));
    assertTrue(figure.charts(r).isEmpty());
  }

  @Test
  void theCatalogWritesItIntoTheChosenFolder() throws Exception {
    List<Path> files =
        new FigureCatalog()
            .renderRows(
                TestRows.widthStudy(WidthStudyTest.ANN_GAPS, WidthStudyTest.SNN_GAPS),
                tmp.resolve("studies"));
    assertTrue(
        FigureAssertions.names(files).contains("width_width_gap.svg"),
        FigureAssertions.names(files).toString());
    assertTrue(files.stream().allMatch(f -> f.getParent().equals(tmp.resolve("studies"))));
  }
}
