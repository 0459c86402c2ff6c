package org.bsnn.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Accuracy versus timestep: one solid curve per variant's SNN ({@code snn-accuracy}, mean over
 * seeds with a ±1 std band when there are several), and its ANN's accuracy ({@code ann-accuracy})
 * as a dashed horizontal line in the same colour. Accuracy in percent, timesteps on integer ticks.
 * The paper's central figure: how many timesteps the converted SNN needs to reach its ANN. A sweep
 * with more than {@link #MAX_CURVES} variants of both precisions gives one chart per precision
 * ({@code _fp}, {@code _binary}).
 */
public final class AccuracyVsTimestepFigure implements Figure {

  /** The figure id. */
  public static final String ID = "accuracy-vs-timestep";

  /** More variants than this, of both precisions, are drawn as one chart per precision. */
  static final int MAX_CURVES = 4;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String needs() {
    return "the series snn-accuracy (metric accuracy-vs-timestep); ann-accuracy adds the reference lines";
  }

  @Override
  public boolean hasData(ExperimentResults results) {
    return !withSeries(results).isEmpty();
  }

  private static List<Variant> withSeries(ExperimentResults results) {
    return results.variantsWith("snn-accuracy").stream()
        .filter(v -> results.series(v, "snn-accuracy").isPresent())
        .toList();
  }

  @Override
  public List<NamedChart> charts(ExperimentResults results) {
    List<Variant> variants = withSeries(results);
    if (variants.isEmpty()) {
      return List.of();
    }
    Map<Variant.Precision, List<Variant>> byPrecision =
        ExperimentResults.group(variants, Variant::precision);
    if (variants.size() <= MAX_CURVES || byPrecision.size() < 2) {
      return List.of(chart(results, variants, "", NamedChart.stem(results.experiment(), ID)));
    }
    // A sweep crossed with precision gives too many curves for one readable chart (the palette has
    // eight colours, the legend crowds the plot): one chart per precision instead.
    List<NamedChart> out = new ArrayList<>();
    for (Map.Entry<Variant.Precision, List<Variant>> g : byPrecision.entrySet()) {
      String name =
          g.getKey() == Variant.Precision.FULL
              ? "full precision"
              : g.getKey() == Variant.Precision.BINARY ? "binary" : "precision not recorded";
      String qualifier =
          g.getKey() == Variant.Precision.FULL
              ? "fp"
              : g.getKey() == Variant.Precision.BINARY ? "binary" : "unspecified";
      out.add(
          chart(
              results,
              g.getValue(),
              ", " + name,
              NamedChart.stem(results.experiment(), ID, qualifier)));
    }
    return out;
  }

  private static NamedChart chart(
      ExperimentResults results, List<Variant> variants, String titleSuffix, String stem) {
    int seeds = results.seeds().size();
    Map<Variant, Color> colors = FigureStyle.variantColors(variants);
    List<Reference> references = references(results, variants, colors);
    List<String> legend = new ArrayList<>();
    variants.forEach(v -> legend.add(results.label(v, "SNN")));
    references.forEach(r -> legend.add(r.label()));
    XYChart chart =
        FigureStyle.accuracyChart(
            results.experiment()
                + ": accuracy vs timestep"
                + titleSuffix
                + (seeds > 1 ? " (" + seeds + " seeds)" : ""),
            "timestep",
            legend);
    int last = 0;
    for (Variant v : variants) {
      last = Math.max(last, results.series(v, "snn-accuracy").get().lastTimestep());
    }
    double xEnd = FigureStyle.niceCeiling(last);
    for (Variant v : variants) { // all bands first, so no band veils another variant's curve
      SeriesStats s = results.series(v, "snn-accuracy").get();
      if (s.seeds() > 1) {
        addBand(chart, results.label(v, "SNN") + " ±1 std", s, colors.get(v));
      }
    }
    for (Variant v : variants) {
      SeriesStats s = results.series(v, "snn-accuracy").get();
      Color color = colors.get(v);
      String label = results.label(v, "SNN");
      double[] x = new double[s.timesteps().length];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = s.timesteps()[i];
        y[i] = 100 * s.mean()[i];
      }
      XYSeries line = chart.addSeries(label, x, y);
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setLineColor(color);
      line.setLineStyle(FigureStyle.solid());
      line.setMarker(SeriesMarkers.NONE);
    }
    // reference lines after the curves, so the legend lists the SNNs first
    for (Reference ref : references) {
      XYSeries r =
          chart.addSeries(
              ref.label(), new double[] {0, xEnd}, new double[] {ref.percent(), ref.percent()});
      r.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      r.setLineColor(ref.color());
      r.setLineStyle(ref.stroke());
      r.setMarker(SeriesMarkers.NONE);
    }
    FigureStyle.timestepAxis(chart, last);
    // Converted SNNs climb early and stay high, so the lower right of the plot is empty: a legend
    // too long for one row below goes there instead of taking half the width at the right.
    if (legend.size() <= FigureStyle.MAX_LEGEND_INSIDE) {
      FigureStyle.placeLegend(chart, org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    }
    String caption =
        "SNN accuracy at every timestep (solid"
            + (anyMultiSeed(results, variants) ? ", mean ± 1 std over seeds" : "")
            + ") and the ANN's accuracy (dashed), per variant"
            + (titleSuffix.isEmpty() ? "" : " (" + titleSuffix.substring(2) + ")")
            + ".";
    return new NamedChart(stem, caption, chart);
  }

  private static boolean anyMultiSeed(ExperimentResults results, List<Variant> variants) {
    return variants.stream().anyMatch(v -> results.series(v, "snn-accuracy").get().seeds() > 1);
  }

  /** A dashed ANN accuracy line. */
  private record Reference(String label, double percent, Color color, BasicStroke stroke) {}

  /**
   * The ANN reference lines: one per variant in the variant's colour when colours follow precision
   * (one FP and one binary variant); otherwise, one black line per precision (dashed for FP,
   * dash-dot for binary) when all its variants share one ANN accuracy, as in a sweep over
   * conversion parameters; one black line per distinct ANN accuracy, named by it, when more than
   * {@link #MAX_CURVES} variants of a precision share a few networks; else one per variant.
   */
  private static List<Reference> references(
      ExperimentResults results, List<Variant> variants, Map<Variant, Color> colors) {
    List<Reference> out = new ArrayList<>();
    boolean byPrecision = FigureStyle.coloursFollowPrecision(variants);
    Map<Variant.Precision, List<Variant>> groups =
        ExperimentResults.group(variants, Variant::precision);
    for (Map.Entry<Variant.Precision, List<Variant>> g : groups.entrySet()) {
      java.util.Set<Double> values = new java.util.TreeSet<>();
      for (Variant v : g.getValue()) {
        ann(results, v).ifPresent(a -> values.add(Math.round(a * 1e9) / 1e9));
      }
      if (values.isEmpty()) {
        continue;
      }
      BasicStroke stroke =
          g.getKey() == Variant.Precision.BINARY ? FigureStyle.dashDot() : FigureStyle.dashed();
      if (!byPrecision && values.size() == 1) {
        String label = results.label(g.getValue().get(0), "ANN", results.varyingKeys());
        out.add(new Reference(label, values.iterator().next(), FigureStyle.BLACK, stroke));
      } else if (!byPrecision && g.getValue().size() > MAX_CURVES) {
        // many curves over few networks (conversion methods applied to the same ANNs): one black
        // line per distinct ANN accuracy, named by its value, instead of one per curve
        String precision = results.label(g.getValue().get(0), "ANN", results.varyingKeys());
        for (double value : values) {
          out.add(
              new Reference(
                  precision + " " + ReportWriter.fmt(value, 2) + " %",
                  value,
                  FigureStyle.BLACK,
                  stroke));
        }
      } else {
        for (Variant v : g.getValue()) {
          ann(results, v)
              .ifPresent(
                  a ->
                      out.add(
                          new Reference(
                              results.label(v, "ANN"), a, colors.get(v), FigureStyle.dashed())));
        }
      }
    }
    return out;
  }

  /** The mean ANN accuracy of a variant (on the SNN's images when recorded), in percent. */
  private static Optional<Double> ann(ExperimentResults results, Variant v) {
    return results.annReference(v).filter(m -> !m.isEmpty()).map(m -> 100 * m.mean());
  }

  /** A filled polygon from mean+std (forwards) to mean-std (backwards), not in the legend. */
  static void addBand(XYChart chart, String name, SeriesStats s, Color color) {
    int n = s.timesteps().length;
    double[] x = new double[2 * n];
    double[] y = new double[2 * n];
    for (int i = 0; i < n; i++) {
      x[i] = s.timesteps()[i];
      y[i] = 100 * (s.mean()[i] + s.std()[i]);
      x[2 * n - 1 - i] = s.timesteps()[i];
      y[2 * n - 1 - i] = 100 * (s.mean()[i] - s.std()[i]);
    }
    XYSeries band = chart.addSeries(name, x, y);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(FigureStyle.translucent(color, FigureStyle.BAND_ALPHA));
    band.setLineColor(FigureStyle.translucent(color, 0));
    band.setLineStyle(FigureStyle.none());
    band.setMarker(SeriesMarkers.NONE);
    band.setShowInLegend(false);
  }
}
