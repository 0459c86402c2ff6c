package org.bsnn.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A width study ({@link WidthStudy}: a sweep over {@code vgg-small} layer lists) against the width,
 * the first convolution's channel count, on a log2 axis (each width of a doubling study one step):
 *
 * <ul>
 *   <li>{@code _accuracy}: ANN ({@code ann-accuracy}, dashed) and SNN accuracy at the last
 *       simulated timestep ({@code snn-final-accuracy}, solid), full precision blue, binary
 *       vermillion;
 *   <li>{@code _gap}: binary minus full precision in points, ANN and SNN, with the report's default
 *       tolerance as a dotted line;
 *   <li>{@code _latency}: timesteps until the SNN stays within 1 pt of its ANN ({@code
 *       timesteps-to-within[1.0 pt]}, else the largest x recorded), full precision and binary.
 * </ul>
 *
 * Points are means over seeds with ±1 std error bars when there are several. The std of a gap is
 * that of the same-seed differences ({@link WidthStudy#gap}), not a combination of the two stds.
 */
public final class WidthFigure implements Figure {

  /** The figure id. */
  public static final String ID = "width";

  /** The x axis title of every chart of the figure. */
  private static final String X_TITLE = "width (channels of the first convolution, log scale)";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String needs() {
    return "a sweep over vgg-small layer lists (e.g. model.layers, at least two widths) and ann-accuracy or snn-final-accuracy";
  }

  @Override
  public boolean hasData(ExperimentResults results) {
    return WidthStudy.of(results).isPresent()
        && (results.has("ann-accuracy") || results.has("snn-final-accuracy"));
  }

  @Override
  public List<NamedChart> charts(ExperimentResults results) {
    if (!hasData(results)) {
      return List.of();
    }
    WidthStudy study = WidthStudy.of(results).get();
    List<NamedChart> out = new ArrayList<>();
    out.add(accuracy(results, study));
    gapChart(results, study).ifPresent(out::add);
    latency(results, study).ifPresent(out::add);
    return out;
  }

  private static NamedChart accuracy(ExperimentResults e, WidthStudy s) {
    XYChart chart = FigureStyle.accuracyChart(e.experiment() + ": accuracy vs width", X_TITLE);
    Line fpAnn = line(s, p -> p.fp().flatMap(v -> e.scalar(v, "ann-accuracy")), 100);
    Line binAnn = line(s, p -> p.binary().flatMap(v -> e.scalar(v, "ann-accuracy")), 100);
    Line fpSnn = line(s, p -> p.fp().flatMap(v -> e.scalar(v, "snn-final-accuracy")), 100);
    Line binSnn = line(s, p -> p.binary().flatMap(v -> e.scalar(v, "snn-final-accuracy")), 100);
    add(chart, "FP SNN", fpSnn, FigureStyle.BLUE, FigureStyle.solid(), SeriesMarkers.CIRCLE);
    add(
        chart,
        "binary SNN",
        binSnn,
        FigureStyle.VERMILLION,
        FigureStyle.solid(),
        SeriesMarkers.SQUARE);
    add(chart, "FP ANN", fpAnn, FigureStyle.BLUE, FigureStyle.dashed(), SeriesMarkers.CIRCLE);
    add(
        chart,
        "binary ANN",
        binAnn,
        FigureStyle.VERMILLION,
        FigureStyle.dashed(),
        SeriesMarkers.SQUARE);
    widthAxis(chart, s);
    FigureStyle.placeLegend(chart);
    boolean multi = fpAnn.multiSeed || binAnn.multiSeed || fpSnn.multiSeed || binSnn.multiSeed;
    String caption =
        "ANN accuracy (dashed) and SNN accuracy at the last simulated timestep (solid) against the "
            + "width (channels of the first convolution of "
            + s.key()
            + "; widths "
            + s.widthList()
            + "), full precision and binary"
            + (multi ? "; mean ± 1 std over seeds." : ".");
    return new NamedChart(NamedChart.stem(e.experiment(), ID, "accuracy"), caption, chart);
  }

  private static Optional<NamedChart> gapChart(ExperimentResults e, WidthStudy s) {
    Line ann = line(s, p -> WidthStudy.gap(e, p, "ann-accuracy", "ann-accuracy"), 1);
    Line snn = line(s, p -> WidthStudy.gap(e, p, "snn-final-accuracy", "snn-final-accuracy"), 1);
    if (ann.isEmpty() && snn.isEmpty()) {
      return Optional.empty();
    }
    XYChart chart =
        FigureStyle.xyChart(
            e.experiment() + ": binary − full precision vs width", X_TITLE, "binary − FP (pt)");
    chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> fmt(v, 1));
    add(chart, "SNN", snn, FigureStyle.BLUISH_GREEN, FigureStyle.solid(), SeriesMarkers.DIAMOND);
    add(
        chart,
        "ANN",
        ann,
        FigureStyle.REDDISH_PURPLE,
        FigureStyle.dashed(),
        SeriesMarkers.TRIANGLE_UP);
    double tol = ReportWriter.Options.DEFAULTS.tolerancePoints();
    double[] x = {log2(s.points().get(0).width()), log2(last(s).width())};
    XYSeries t =
        chart.addSeries(
            "tolerance (−" + ReportWriter.fmt(tol, 1) + " pt)", x, new double[] {-tol, -tol});
    t.setLineColor(FigureStyle.BLACK);
    t.setLineStyle(dotted());
    t.setMarker(SeriesMarkers.NONE);
    widthAxis(chart, s);
    FigureStyle.placeLegend(chart);
    boolean multi = ann.multiSeed || snn.multiSeed;
    String caption =
        "Binary minus full-precision accuracy in points against the width: ANN (dashed) and SNN at "
            + "the last simulated timestep (solid); below 0 binary is worse, the dotted line is the "
            + "report's default tolerance"
            + (multi
                ? "; mean ± 1 std of the per-seed differences (binary run minus FP run of the same seed)."
                : ".");
    return Optional.of(new NamedChart(NamedChart.stem(e.experiment(), ID, "gap"), caption, chart));
  }

  private static Optional<NamedChart> latency(ExperimentResults e, WidthStudy s) {
    Optional<Double> within = within(e);
    if (within.isEmpty()) {
      return Optional.empty();
    }
    String metric = ClaimChecks.withinMetric(within.get());
    Line fp = line(s, p -> p.fp().flatMap(v -> e.scalar(v, metric)), 1);
    Line bin = line(s, p -> p.binary().flatMap(v -> e.scalar(v, metric)), 1);
    if (fp.isEmpty() && bin.isEmpty()) {
      return Optional.empty();
    }
    XYChart chart =
        FigureStyle.xyChart(
            e.experiment() + ": latency vs width",
            X_TITLE,
            "timesteps to within " + ReportWriter.fmt(within.get(), 1) + " pt");
    chart.getStyler().setyAxisTickLabelsFormattingFunction(v -> fmt(v, 0));
    chart.getStyler().setYAxisMin(0.0);
    add(chart, "FP SNN", fp, FigureStyle.BLUE, FigureStyle.solid(), SeriesMarkers.CIRCLE);
    add(
        chart,
        "binary SNN",
        bin,
        FigureStyle.VERMILLION,
        FigureStyle.solid(),
        SeriesMarkers.SQUARE);
    widthAxis(chart, s);
    FigureStyle.placeLegend(chart);
    boolean multi = fp.multiSeed || bin.multiSeed;
    boolean never = fp.missing || bin.missing;
    String caption =
        "The first timestep from which the SNN stays within "
            + ReportWriter.fmt(within.get(), 1)
            + " pt of its ANN against the width, full precision and binary"
            + (multi ? "; mean ± 1 std over the seeds that got there" : "")
            + (never ? "; a width without a point never got there in the simulated timesteps" : "")
            + ".";
    return Optional.of(
        new NamedChart(NamedChart.stem(e.experiment(), ID, "latency"), caption, chart));
  }

  /** 1 pt when recorded (the claims' latency), else the largest x of timesteps-to-within[x pt]. */
  private static Optional<Double> within(ExperimentResults e) {
    List<Double> gaps = new ArrayList<>();
    for (Variant v : e.variants()) {
      for (String m :
          e.metrics(v, n -> n.is("timesteps-to-within", 1) && n.arg(0).endsWith(" pt"))) {
        Double d =
            org.bsnn.api.util.NaturalOrder.number(
                MetricName.parse(m).get().arg(0).replace(" pt", ""));
        if (d != null && !gaps.contains(d)) {
          gaps.add(d);
        }
      }
    }
    if (gaps.contains(1.0)) {
      return Optional.of(1.0);
    }
    return gaps.stream().max(Double::compare);
  }

  /**
   * Points of one line: x = log2(width), y scaled, ±std error bars (null for one seed).
   *
   * @param missing a width had the variant but no finite value
   */
  private record Line(double[] x, double[] y, double[] err, boolean multiSeed, boolean missing) {
    boolean isEmpty() {
      return x.length == 0;
    }
  }

  private static Line line(
      WidthStudy s, Function<WidthStudy.Point, Optional<MeanStd>> value, double scale) {
    List<double[]> xy = new ArrayList<>();
    boolean multi = false;
    boolean missing = false;
    for (WidthStudy.Point p : s.points()) {
      Optional<MeanStd> m = value.apply(p);
      if (m.isEmpty()) {
        continue;
      }
      missing |= m.get().missing() > 0;
      if (!m.get().isEmpty()) {
        xy.add(new double[] {log2(p.width()), scale * m.get().mean(), scale * m.get().std()});
        multi |= m.get().n() > 1;
      }
    }
    double[] x = new double[xy.size()];
    double[] y = new double[xy.size()];
    double[] err = new double[xy.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = xy.get(i)[0];
      y[i] = xy.get(i)[1];
      err[i] = xy.get(i)[2];
    }
    return new Line(x, y, multi ? err : null, multi, missing);
  }

  private static void add(
      XYChart chart, String name, Line line, Color color, BasicStroke stroke, Marker marker) {
    if (line.isEmpty()) {
      return;
    }
    XYSeries s = chart.addSeries(name, line.x(), line.y(), line.err());
    s.setLineColor(color);
    s.setMarkerColor(color);
    s.setLineStyle(stroke);
    s.setMarker(marker);
  }

  /**
   * The x axis: log2 of the width, labelled with the width. Half a step of margin either side keeps
   * the end points and their error bars off the plot border.
   */
  private static void widthAxis(XYChart chart, WidthStudy s) {
    chart.getStyler().setXAxisMin(log2(s.points().get(0).width()) - 0.5);
    chart.getStyler().setXAxisMax(log2(last(s).width()) + 0.5);
    chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> widthLabel(Math.pow(2, v)));
  }

  /** A width as a tick label: whole numbers without decimals, others with one. */
  static String widthLabel(double w) {
    double r = Math.rint(w);
    return Math.abs(w - r) < 1e-6 ? fmt(r, 0) : fmt(w, 1);
  }

  private static WidthStudy.Point last(WidthStudy s) {
    return s.points().get(s.points().size() - 1);
  }

  private static double log2(int w) {
    return Math.log(w) / Math.log(2);
  }

  private static BasicStroke dotted() {
    return new BasicStroke(
        FigureStyle.REFERENCE_LINE_WIDTH,
        BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_ROUND,
        10f,
        new float[] {2f, 3f},
        0f);
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
