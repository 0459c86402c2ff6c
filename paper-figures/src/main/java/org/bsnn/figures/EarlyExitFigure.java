package org.bsnn.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Early exit (the paper's run-time optimisation, claim 5): accuracy with early exit ({@code
 * exit-accuracy}) against the mean number of timesteps actually used ({@code timesteps-used-mean}),
 * one point per sweep value of the exit threshold (or of any other numeric sweep parameter), one
 * line per combination of the non-numeric parameters (e.g. FP and binary). Points are labelled with
 * their numeric parameter values; the ANN's accuracy is a dashed reference. Mean over seeds with ±1
 * std error bars on accuracy.
 */
public final class EarlyExitFigure implements Figure {

  /** The figure id. */
  public static final String ID = "early-exit";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String needs() {
    return "exit-accuracy and timesteps-used-mean (metric exit-latency, optimize: early-exit)";
  }

  @Override
  public boolean hasData(ExperimentResults results) {
    return !variants(results).isEmpty();
  }

  private static List<Variant> variants(ExperimentResults results) {
    return results.variants().stream()
        .filter(
            v ->
                present(results.scalar(v, "exit-accuracy"))
                    && present(results.scalar(v, "timesteps-used-mean")))
        .toList();
  }

  private static boolean present(Optional<MeanStd> m) {
    return m.isPresent() && !m.get().isEmpty();
  }

  @Override
  public List<NamedChart> charts(ExperimentResults results) {
    List<Variant> variants = variants(results);
    if (variants.isEmpty()) {
      return List.of();
    }
    List<String> numeric = results.numericSweepKeys();
    XYChart chart =
        FigureStyle.accuracyChart(
            results.experiment() + ": early exit", "mean timesteps used per input");
    chart.getStyler().setAnnotationTextFont(FigureStyle.VALUE_FONT);
    chart.getStyler().setAnnotationTextFontColor(FigureStyle.BLACK);
    Map<String, List<Variant>> groups =
        ExperimentResults.group(variants, v -> results.label(v, "", numeric));
    Map<Variant, Color> colors =
        FigureStyle.variantColors(groups.values().stream().map(g -> g.get(0)).toList());
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    double xMax = 0;
    boolean multiSeed = false;
    List<double[]> labelsAt = new ArrayList<>(); // x, y, +1 above or -1 below
    List<String> labels = new ArrayList<>();
    List<Reference> refs = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, List<Variant>> group : groups.entrySet()) {
      List<Variant> points = new ArrayList<>(group.getValue());
      points.sort(
          Comparator.comparingDouble(v -> results.scalar(v, "timesteps-used-mean").get().mean()));
      double[] x = new double[points.size()];
      double[] y = new double[points.size()];
      double[] err = new double[points.size()];
      for (int i = 0; i < x.length; i++) {
        Variant v = points.get(i);
        MeanStd lat = results.scalar(v, "timesteps-used-mean").get();
        MeanStd acc = results.scalar(v, "exit-accuracy").get();
        x[i] = lat.mean();
        y[i] = 100 * acc.mean();
        err[i] = 100 * acc.std();
        multiSeed |= acc.n() > 1;
        yMin = Math.min(yMin, y[i] - err[i]);
        yMax = Math.max(yMax, y[i] + err[i]);
        xMax = Math.max(xMax, x[i]);
        if (!numeric.isEmpty() && index < 2) { // first line labelled above, second below
          List<String> parts = new ArrayList<>();
          for (String k : numeric) {
            parts.add(v.params().get(k));
          }
          labelsAt.add(new double[] {x[i], y[i], index == 0 ? 1 : -1});
          labels.add(String.join(", ", parts));
        }
      }
      Color color = colors.get(group.getValue().get(0));
      String prefix = group.getKey().isEmpty() ? "" : group.getKey() + " ";
      XYSeries s = chart.addSeries(prefix + "SNN", x, y, multiSeed ? err : null);
      s.setLineColor(color);
      s.setMarkerColor(color);
      s.setLineStyle(FigureStyle.solid());
      s.setMarker(FigureStyle.marker(index));
      Optional<MeanStd> ann = results.annReference(points.get(0));
      if (present(ann)) {
        double a = 100 * ann.get().mean();
        yMin = Math.min(yMin, a);
        yMax = Math.max(yMax, a);
        refs.add(new Reference(prefix + "ANN", a, color));
      }
      index++;
    }
    double xEnd = Math.max(1, FigureStyle.niceCeiling((int) Math.ceil(xMax * 1.1)));
    for (Reference ref : refs) { // dashed across the whole x range
      XYSeries r =
          chart.addSeries(
              ref.name(), new double[] {0, xEnd}, new double[] {ref.accuracy(), ref.accuracy()});
      r.setLineColor(ref.color());
      r.setLineStyle(FigureStyle.dashed());
      r.setMarker(SeriesMarkers.NONE);
    }
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setXAxisMax(xEnd);
    double pad = Math.max(0.5, (yMax - yMin) * 0.08);
    for (int i = 0; i < labels.size(); i++) {
      double[] at = labelsAt.get(i);
      chart.addAnnotation(new AnnotationText(labels.get(i), at[0], at[1] + at[2] * pad, false));
    }
    chart.getStyler().setYAxisMax(yMax + 2 * pad);
    chart.getStyler().setYAxisMin(yMin - 2 * pad);
    FigureStyle.placeLegend(chart);
    String caption =
        "Accuracy with early exit against the mean number of timesteps used"
            + (numeric.isEmpty()
                ? ""
                : ", one point per value of " + String.join(", ", numeric) + " (labels)")
            + "; the ANN's accuracy dashed"
            + (multiSeed ? "; mean ± 1 std over seeds." : ".");
    return List.of(new NamedChart(NamedChart.stem(results.experiment(), ID), caption, chart));
  }

  /** A dashed ANN accuracy line, in percent. */
  private record Reference(String name, double accuracy, Color color) {}
}
