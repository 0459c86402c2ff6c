package org.bsnn.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.util.NaturalOrder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Accuracy versus a swept numeric parameter, one chart per such {@code param:} column (e.g. {@code
 * normalize.percentile} for the percentile sweep or a threshold-scale factor): the SNN's accuracy
 * at its last timestep ({@code snn-final-accuracy}, solid, markers) and the ANN's ({@code
 * ann-accuracy}, dashed), one pair of lines per combination of the other sweep parameters (e.g. FP
 * and binary). Mean over seeds with ±1 std error bars.
 */
public final class ParameterSweepFigure implements Figure {

  /** The figure id. */
  public static final String ID = "sweep";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String needs() {
    return "a numeric sweep parameter (param:<key> with at least two values) and snn-final-accuracy";
  }

  @Override
  public boolean hasData(ExperimentResults results) {
    return !results.numericSweepKeys().isEmpty() && results.has("snn-final-accuracy");
  }

  @Override
  public List<NamedChart> charts(ExperimentResults results) {
    if (!hasData(results)) {
      return List.of();
    }
    List<NamedChart> out = new ArrayList<>();
    for (String key : results.numericSweepKeys()) {
      out.add(chart(results, key));
    }
    return out;
  }

  private NamedChart chart(ExperimentResults results, String key) {
    String shortKey = ExperimentResults.shortKey(key, results.varyingKeys());
    XYChart chart =
        FigureStyle.accuracyChart(results.experiment() + ": accuracy vs " + shortKey, key);
    List<Variant> withData = results.variantsWith("snn-final-accuracy");
    Map<String, List<Variant>> groups =
        ExperimentResults.group(withData, v -> results.label(v, "", List.of(key)));
    List<Variant> firstOfGroup = groups.values().stream().map(g -> g.get(0)).toList();
    Map<Variant, Color> colors = FigureStyle.variantColors(firstOfGroup);
    int index = 0;
    boolean multiSeed = false;
    List<Runnable> annLines = new ArrayList<>();
    for (Map.Entry<String, List<Variant>> group : groups.entrySet()) {
      List<Variant> points = new ArrayList<>(group.getValue());
      points.sort(Comparator.comparingDouble(v -> NaturalOrder.number(v.params().get(key))));
      Color color = colors.get(group.getValue().get(0));
      Line snn = line(results, points, key, "snn-final-accuracy");
      Line ann = line(results, points, key, "ann-accuracy");
      multiSeed |= snn.multiSeed() || ann.multiSeed();
      String prefix = group.getKey().isEmpty() ? "" : group.getKey() + " ";
      if (!snn.isEmpty()) {
        XYSeries s = chart.addSeries(prefix + "SNN", snn.x(), snn.y(), snn.err());
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(FigureStyle.solid());
        s.setMarker(FigureStyle.marker(index));
      }
      if (!ann.isEmpty()) {
        int markerIndex = index;
        annLines.add(
            () -> {
              XYSeries a = chart.addSeries(prefix + "ANN", ann.x(), ann.y(), ann.err());
              a.setLineColor(color);
              a.setMarkerColor(color);
              a.setLineStyle(FigureStyle.dashed());
              a.setMarker(FigureStyle.marker(markerIndex));
            });
      }
      index++;
    }
    annLines.forEach(Runnable::run);
    FigureStyle.placeLegend(chart);
    String caption =
        "SNN accuracy at the last simulated timestep (solid) and ANN accuracy (dashed) for each value of "
            + key
            + (multiSeed ? "; mean ± 1 std over seeds." : ".");
    return new NamedChart(NamedChart.stem(results.experiment(), ID, key), caption, chart);
  }

  /** Points of one line: x ascending, y in percent, std error bars (null for one seed). */
  private record Line(double[] x, double[] y, double[] err, boolean multiSeed) {
    boolean isEmpty() {
      return x.length == 0;
    }
  }

  private static Line line(
      ExperimentResults results, List<Variant> points, String key, String metric) {
    List<double[]> xy = new ArrayList<>();
    boolean multi = false;
    for (Variant v : points) {
      Optional<MeanStd> m = results.scalar(v, metric);
      if (m.isPresent() && !m.get().isEmpty()) {
        xy.add(
            new double[] {
              NaturalOrder.number(v.params().get(key)), 100 * m.get().mean(), 100 * m.get().std()
            });
        multi |= m.get().n() > 1;
      }
    }
    double[] x = new double[xy.size()];
    double[] y = new double[xy.size()];
    double[] e = new double[xy.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = xy.get(i)[0];
      y[i] = xy.get(i)[1];
      e[i] = xy.get(i)[2];
    }
    return new Line(x, y, multi ? e : null, multi);
  }
}
