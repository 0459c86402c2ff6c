package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

class FigureStyleTest {

  @Test
  void paletteIsOkabeItoWithEightDistinctColours() {
    Set<Color> colours = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      colours.add(FigureStyle.color(i));
    }
    assertEquals(8, colours.size());
    assertEquals(new Color(0x0072B2), FigureStyle.color(0));
    assertEquals(FigureStyle.color(0), FigureStyle.color(8), "cycles");
  }

  @Test
  void fullPrecisionBlueBinaryVermillion() {
    ExperimentResults r = ExperimentResults.split(TestRows.headline()).get(0);
    Map<Variant, Color> c = FigureStyle.variantColors(r.variants());
    assertEquals(FigureStyle.BLUE, c.get(r.variants().get(0)));
    assertEquals(FigureStyle.VERMILLION, c.get(r.variants().get(1)));
    ExperimentResults sweep = ExperimentResults.split(TestRows.percentileSweep()).get(0);
    Map<Variant, Color> many = FigureStyle.variantColors(sweep.variants());
    assertEquals(8, new HashSet<>(many.values()).size(), "a sweep gets the whole palette");
  }

  @Test
  void timestepAxesEndOnRoundNumbers() {
    assertEquals(100, FigureStyle.niceCeiling(100));
    assertEquals(30, FigureStyle.niceCeiling(30));
    assertEquals(40, FigureStyle.niceCeiling(37));
    assertEquals(300, FigureStyle.niceCeiling(260));
    assertEquals(7, FigureStyle.niceCeiling(7));
  }

  @Test
  void timestepTicksAreRoundIntegersNotEveryKthDataValue() {
    XYChart chart = FigureStyle.xyChart("t", "timestep", "y");
    double[] x = new double[100];
    double[] y = new double[100];
    for (int i = 0; i < 100; i++) {
      x[i] = i + 1;
      y[i] = i;
    }
    chart.addSeries("s", x, y);
    FigureStyle.timestepAxis(chart, 100);
    org.knowm.xchart.BitmapEncoder.getBufferedImage(chart); // lays out the axes
    assertEquals(List.of("0", "20", "40", "60", "80", "100"), xTickLabels(chart));
  }

  @Test
  void shortLegendsGoBelowLongOnesToTheRight() {
    XYChart small = FigureStyle.xyChart("t", "x", "y");
    small.addSeries("FP SNN", new double[] {1, 2}, new double[] {1, 2});
    FigureStyle.placeLegend(small);
    assertEquals(Styler.LegendPosition.OutsideS, small.getStyler().getLegendPosition());
    XYChart big = FigureStyle.xyChart("t", "x", "y");
    for (int i = 0; i < 6; i++) {
      big.addSeries("binary SNN, percentile 99." + i, new double[] {1, 2}, new double[] {1, 2});
    }
    FigureStyle.placeLegend(big);
    assertEquals(Styler.LegendPosition.OutsideE, big.getStyler().getLegendPosition());
    assertNotEquals(small.getStyler().getLegendLayout(), big.getStyler().getLegendLayout());
  }

  @Test
  void layersTakeThePaletteUpToEightThenARampFromDarkToLight() {
    assertEquals(
        List.of(FigureStyle.color(0), FigureStyle.color(1), FigureStyle.color(2)),
        FigureStyle.layerColors(3));
    List<Color> many = FigureStyle.layerColors(12);
    assertEquals(12, many.size());
    assertEquals(FigureStyle.LAYER_RAMP_FROM, many.get(0));
    assertEquals(FigureStyle.LAYER_RAMP_TO, many.get(11));
  }

  @Test
  void accuracyChartsArePercentWithoutDecimalsAndLegendsCanGoRight() {
    XYChart chart = FigureStyle.accuracyChart("t", "x");
    assertEquals("accuracy (%)", chart.getYAxisTitle());
    assertEquals("85", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(85.0));
    FigureStyle.legendRight(chart);
    assertEquals(Styler.LegendPosition.OutsideE, chart.getStyler().getLegendPosition());
    assertEquals(Styler.LegendLayout.Vertical, chart.getStyler().getLegendLayout());
  }

  /** The x tick labels inside the axis range (XChart lays out a margin of ticks beyond it). */
  @SuppressWarnings("unchecked")
  static List<String> xTickLabels(XYChart chart) {
    try {
      java.lang.reflect.Method m =
          org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredMethod("getAxisPair");
      m.setAccessible(true);
      Object pair = m.invoke(chart);
      Object axis = pair.getClass().getMethod("getXAxis").invoke(pair);
      Object calc = axis.getClass().getMethod("getAxisTickCalculator").invoke(axis);
      List<String> labels = (List<String>) calc.getClass().getMethod("getTickLabels").invoke(calc);
      return labels.stream()
          .filter(
              s -> {
                double v = Double.parseDouble(s);
                return v >= 0 && v <= 100;
              })
          .toList();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
