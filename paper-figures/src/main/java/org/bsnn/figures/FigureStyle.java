package org.bsnn.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one style of every figure: sizes, fonts, line widths, the colour-blind-safe palette, markers
 * and number formats. Figures take everything visual from here, so a change of style is one edit.
 *
 * <p>Sizes are in points (1/72 inch): the PNG is written at {@link #DPI} dots per inch, so a {@link
 * #WIDTH} x {@link #HEIGHT} chart prints at 6.4 x 4.4 inches with 10 pt tick labels, and scales
 * down to one column (3.3 in) with still readable 5 pt text. Colours are the Okabe–Ito palette
 * (Okabe and Ito 2008, "Color Universal Design"), distinguishable with the common colour vision
 * deficiencies; every series also differs by marker or dash so a grey-scale print still separates
 * them. Full-precision models are always blue, binary ones vermillion.
 *
 * <p>The font is DejaVu Sans (Debian's {@code fonts-dejavu-core}; the CI script installs it). Java
 * falls back to its Dialog font where it is missing, which changes the bytes of the files but not
 * their content; byte-stable regeneration assumes the same fonts and JDK.
 */
public final class FigureStyle {

  /** Chart width in points. */
  public static final int WIDTH = 460;

  /** Chart height in points. */
  public static final int HEIGHT = 320;

  /** Width and height of square charts (confusion matrices), in points. */
  public static final int SQUARE = 460;

  /** Resolution of the PNG files, dots per inch. */
  public static final int DPI = 300;

  /** The font family. */
  public static final String FONT_FAMILY = "DejaVu Sans";

  /** Chart titles. */
  public static final Font TITLE_FONT = new Font(FONT_FAMILY, Font.BOLD, 12);

  /** Axis titles. */
  public static final Font AXIS_TITLE_FONT = new Font(FONT_FAMILY, Font.PLAIN, 11);

  /** Tick labels. */
  public static final Font TICK_FONT = new Font(FONT_FAMILY, Font.PLAIN, 10);

  /** Legend entries. */
  public static final Font LEGEND_FONT = new Font(FONT_FAMILY, Font.PLAIN, 10);

  /** Values printed inside cells or on bars. */
  public static final Font VALUE_FONT = new Font(FONT_FAMILY, Font.PLAIN, 8);

  /** Data lines, in points. */
  public static final float LINE_WIDTH = 2.0f;

  /** Reference lines (ANN accuracy), in points. */
  public static final float REFERENCE_LINE_WIDTH = 1.5f;

  /** Grid lines, in points. */
  public static final float GRID_LINE_WIDTH = 0.5f;

  /** Marker size, in points. */
  public static final int MARKER_SIZE = 7;

  /**
   * Space around legend entries, in points; generous because XChart sizes the legend from 72 dpi
   * glyph outlines, and text drawn at 300 dpi runs a little wider.
   */
  public static final int LEGEND_PADDING = 10;

  /** Length of the line sample in a legend entry, in points. */
  public static final int LEGEND_LINE_LENGTH = 24;

  /** Opacity (0-255) of the ±std band around a mean curve. */
  public static final int BAND_ALPHA = 60;

  /** Okabe–Ito black. */
  public static final Color BLACK = new Color(0x000000);

  /** Okabe–Ito orange. */
  public static final Color ORANGE = new Color(0xE69F00);

  /** Okabe–Ito sky blue. */
  public static final Color SKY_BLUE = new Color(0x56B4E9);

  /** Okabe–Ito bluish green. */
  public static final Color BLUISH_GREEN = new Color(0x009E73);

  /** Okabe–Ito yellow. */
  public static final Color YELLOW = new Color(0xF0E442);

  /** Okabe–Ito blue. */
  public static final Color BLUE = new Color(0x0072B2);

  /** Okabe–Ito vermillion. */
  public static final Color VERMILLION = new Color(0xD55E00);

  /** Okabe–Ito reddish purple. */
  public static final Color REDDISH_PURPLE = new Color(0xCC79A7);

  /** Series colours in the order they are handed out; yellow (weak on white) comes last. */
  private static final Color[] PALETTE = {
    BLUE, VERMILLION, BLUISH_GREEN, ORANGE, REDDISH_PURPLE, SKY_BLUE, BLACK, YELLOW
  };

  /** Markers in the order they are handed out (filled shapes, told apart in grey scale). */
  private static final Marker[] MARKERS = {
    SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
    SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL
  };

  /**
   * Sequential ramp for heat maps, white to Okabe–Ito blue: monotone in lightness, so it reads in
   * grey scale and with colour vision deficiencies, and black cell values stay legible on it.
   */
  public static final Color[] HEAT_RAMP = {
    new Color(0xFFFFFF),
    new Color(0xD6EAF5),
    new Color(0x9ECAE1),
    new Color(0x56A0D3),
    new Color(0x2B7BBA)
  };

  /**
   * Dark end (first layer) of the layer ramp used when there are more layers than palette colours.
   */
  public static final Color LAYER_RAMP_FROM = new Color(0x08306B);

  /** Light end (last layer) of the layer ramp. */
  public static final Color LAYER_RAMP_TO = new Color(0xC6DBEF);

  /** Number formats in figures do not depend on the default locale. */
  public static final Locale LOCALE = Locale.ROOT;

  private FigureStyle() {}

  /** The i-th series colour (cycles after eight). */
  public static Color color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** The i-th marker (cycles after eight). */
  public static Marker marker(int i) {
    return MARKERS[Math.floorMod(i, MARKERS.length)];
  }

  /** The colour of a variant: blue for full precision, vermillion for binary, else by index. */
  public static Color color(Variant.Precision precision, int index) {
    switch (precision) {
      case FULL:
        return BLUE;
      case BINARY:
        return VERMILLION;
      default:
        return color(index);
    }
  }

  /**
   * One colour per variant: blue for the full-precision one and vermillion for the binary one when
   * there is at most one of each (the paper's FP-versus-binary comparison), else the palette in
   * variant order.
   */
  public static java.util.Map<Variant, Color> variantColors(java.util.List<Variant> variants) {
    java.util.Map<Variant, Color> out = new java.util.LinkedHashMap<>();
    boolean byPrecision = coloursFollowPrecision(variants);
    for (int i = 0; i < variants.size(); i++) {
      Variant v = variants.get(i);
      out.put(v, byPrecision ? color(v.precision(), i) : color(i));
    }
    return out;
  }

  /** True when the variants are at most one full-precision and one binary variant. */
  public static boolean coloursFollowPrecision(java.util.List<Variant> variants) {
    long full = variants.stream().filter(v -> v.precision() == Variant.Precision.FULL).count();
    long binary = variants.stream().filter(v -> v.precision() == Variant.Precision.BINARY).count();
    return full <= 1 && binary <= 1 && full + binary == variants.size();
  }

  /**
   * One colour per layer, by depth: the palette for up to eight layers; beyond, a ramp from dark
   * blue ({@link #LAYER_RAMP_FROM}) to light ({@link #LAYER_RAMP_TO}).
   */
  public static java.util.List<Color> layerColors(int n) {
    java.util.List<Color> out = new java.util.ArrayList<>();
    if (n <= 8) {
      for (int i = 0; i < n; i++) {
        out.add(color(i));
      }
      return out;
    }
    Color from = LAYER_RAMP_FROM;
    Color to = LAYER_RAMP_TO;
    for (int i = 0; i < n; i++) {
      double t = (double) i / (n - 1);
      out.add(
          new Color(
              (int) Math.round(from.getRed() + t * (to.getRed() - from.getRed())),
              (int) Math.round(from.getGreen() + t * (to.getGreen() - from.getGreen())),
              (int) Math.round(from.getBlue() + t * (to.getBlue() - from.getBlue()))));
    }
    return out;
  }

  /** The colour with the given opacity (0-255). */
  public static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** A solid data line. */
  public static BasicStroke solid() {
    return new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
  }

  /** A dashed reference line. */
  public static BasicStroke dashed() {
    return new BasicStroke(
        REFERENCE_LINE_WIDTH,
        BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_ROUND,
        10f,
        new float[] {6f, 4f},
        0f);
  }

  /** No line (markers or areas only). */
  public static BasicStroke none() {
    return new BasicStroke(0f);
  }

  /** A line chart (also used for scatter plots). */
  public static XYChart xyChart(String title, String xTitle, String yTitle) {
    return xyChart(title, xTitle, yTitle, WIDTH, HEIGHT);
  }

  /** A line chart of a given size in points. */
  static XYChart xyChart(String title, String xTitle, String yTitle, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    applyAxes(chart.getStyler());
    chart.getStyler().setMarkerSize(MARKER_SIZE);
    return chart;
  }

  /** A line chart of accuracy in percent (y axis "accuracy (%)", tick labels without decimals). */
  public static XYChart accuracyChart(String title, String xTitle) {
    return accuracyChart(title, xTitle, List.of());
  }

  /** More legend entries than this go below the plot, one per line, on a taller chart. */
  static final int MAX_LEGEND_INSIDE = 6;

  /**
   * An accuracy chart sized for its legend: with more than {@link #MAX_LEGEND_INSIDE} entries the
   * chart grows by one line per entry (and wide enough for the longest) and the legend goes below
   * the plot in a column, since a legend that size inside the plot would hide the curves.
   */
  static XYChart accuracyChart(String title, String xTitle, List<String> legend) {
    int width = WIDTH;
    int height = HEIGHT;
    if (legend.size() > MAX_LEGEND_INSIDE) {
      java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, false);
      for (String entry : legend) {
        double text = LEGEND_FONT.getStringBounds(entry, frc).getWidth() * 1.1;
        width = Math.max(width, (int) Math.ceil(text + LEGEND_LINE_LENGTH + 6 * LEGEND_PADDING));
      }
      height += (int) Math.ceil(legend.size() * LEGEND_FONT.getSize() * 1.6);
    }
    XYChart chart = xyChart(title, xTitle, "accuracy (%)", width, height);
    chart.getStyler().setyAxisTickLabelsFormattingFunction(percentTicks());
    if (legend.size() > MAX_LEGEND_INSIDE) {
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    }
    return chart;
  }

  /** A bar chart. */
  public static CategoryChart categoryChart(String title, String xTitle, String yTitle) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    applyAxes(chart.getStyler());
    chart.getStyler().setAvailableSpaceFill(0.8);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    chart.getStyler().setErrorBarsColor(BLACK);
    chart.getStyler().setErrorBarsColorSeriesColor(false);
    chart.getStyler().setLabelsFont(VALUE_FONT);
    return chart;
  }

  /** A square heat map (confusion matrices) with values printed in the cells. */
  public static HeatMapChart heatMapChart(String title, String xTitle, String yTitle) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(SQUARE)
            .height(SQUARE)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    applyAxes(chart.getStyler());
    chart.getStyler().setPlotGridLinesVisible(false);
    chart.getStyler().setRangeColors(HEAT_RAMP);
    chart.getStyler().setShowValue(true);
    chart.getStyler().setValueFont(VALUE_FONT);
    chart.getStyler().setValueFontColor(BLACK);
    chart.getStyler().setDrawBorder(true);
    legendRight(chart);
    chart.getStyler().setXAxisLabelRotation(45);
    return chart;
  }

  /**
   * Puts the legend below the plot in one row when that row fits the chart's width, else to the
   * right in a column (XChart does not wrap a horizontal legend). Call after adding the series.
   */
  public static void placeLegend(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
    placeLegend(chart, Styler.LegendPosition.OutsideE);
  }

  /**
   * Puts the legend below the plot in one row when that row fits the chart's width, else at {@code
   * fallback} in a column ({@code OutsideE}: right of the plot; an inside position for charts that
   * know which corner of the plot their data leaves empty).
   */
  public static void placeLegend(
      org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Styler.LegendPosition fallback) {
    java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, false);
    double width = LEGEND_PADDING;
    for (org.knowm.xchart.internal.series.Series s : chart.getSeriesMap().values()) {
      if (s.isShowInLegend()) {
        double text = LEGEND_FONT.getStringBounds(s.getName(), frc).getWidth() * 1.1;
        width += text + LEGEND_LINE_LENGTH + 2 * LEGEND_PADDING;
      }
    }
    if (width <= chart.getWidth() - 2 * 8) {
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    } else {
      chart.getStyler().setLegendPosition(fallback);
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    }
  }

  /** Puts the legend to the right of the plot, one entry per line. */
  public static void legendRight(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
  }

  /** A second reference-line pattern (dash-dot), for a second model kind in black. */
  public static BasicStroke dashDot() {
    return new BasicStroke(
        REFERENCE_LINE_WIDTH,
        BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_ROUND,
        10f,
        new float[] {8f, 3f, 2f, 3f},
        0f);
  }

  /** Fonts, colours, strokes and formats shared by all axes charts. */
  static void applyAxes(AxesChartStyler s) {
    s.setLocale(LOCALE);
    s.setAntiAlias(true);
    s.setBaseFont(TICK_FONT);
    s.setChartTitleFont(TITLE_FONT);
    s.setChartTitleBoxVisible(false);
    s.setChartTitlePadding(6);
    s.setAxisTitleFont(AXIS_TITLE_FONT);
    s.setAxisTickLabelsFont(TICK_FONT);
    s.setLegendFont(LEGEND_FONT);
    s.setChartFontColor(BLACK);
    s.setAxisTickLabelsColor(BLACK);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setPlotBorderColor(BLACK);
    s.setPlotGridLinesVisible(true);
    s.setPlotGridLinesColor(new Color(0xDDDDDD));
    s.setPlotGridLinesStroke(new BasicStroke(GRID_LINE_WIDTH));
    s.setAxisTickMarksColor(BLACK);
    s.setAxisTickMarksStroke(new BasicStroke(1f));
    s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
    s.setLegendBorderColor(new Color(0x999999));
    s.setLegendPadding(LEGEND_PADDING);
    s.setLegendSeriesLineLength(LEGEND_LINE_LENGTH);
    s.setChartPadding(8);
    s.setAxisTicksLineVisible(false); // the plot border is the axis line
    // below the plot, side by side: never over the data
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setPlotMargin(4);
    s.setSeriesColors(PALETTE);
    s.setSeriesMarkers(MARKERS);
  }

  /**
   * Timestep axes: ticks on round integers from 0 (0, 20, 40, ... rather than 1, 7, 13, ...) with
   * integer labels (otherwise XChart labels ticks with the data values). XChart 3.8.8 puts ticks on
   * every k-th data value when the x values of all series are equally spaced, as timesteps are; a
   * hidden series with x = {0, 0.5} and NaN y (which moves no axis range) breaks the spacing, so
   * XChart falls back to its 1-2-5 grid.
   *
   * @param lastTimestep the largest timestep plotted
   */
  public static void timestepAxis(XYChart chart, int lastTimestep) {
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax((double) niceCeiling(lastTimestep));
    chart.getStyler().setXAxisDecimalPattern("0");
    org.knowm.xchart.XYSeries breaker =
        chart.addSeries(" grid", new double[] {0.0, 0.5}, new double[] {Double.NaN, Double.NaN});
    breaker.setShowInLegend(false);
    breaker.setMarker(SeriesMarkers.NONE);
    breaker.setLineStyle(none());
    breaker.setLineColor(translucent(BLACK, 0));
  }

  /**
   * n rounded up to a multiple of half its power of ten: 30 -> 30, 37 -> 40, 100 -> 100, 260 ->
   * 300.
   */
  static int niceCeiling(int n) {
    if (n <= 10) {
      return Math.max(n, 1);
    }
    int pow = 1;
    while (pow * 10 <= n) {
      pow *= 10;
    }
    int unit = pow / 2;
    return ((n + unit - 1) / unit) * unit;
  }

  /** Percent tick labels with no decimals ("85") for axes plotted in percent. */
  public static Function<Double, String> percentTicks() {
    return v -> String.format(LOCALE, "%.0f", v);
  }
}
