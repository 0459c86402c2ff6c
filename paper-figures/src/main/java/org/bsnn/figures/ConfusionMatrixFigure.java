package org.bsnn.figures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bsnn.api.util.NaturalOrder;
import org.knowm.xchart.HeatMapChart;

/**
 * Confusion matrices as heat maps, one per variant and classifier ({@code ann} or {@code snn}),
 * from the rows {@code confusion[<who>][<true>][<predicted>]} (counts): each cell is the percentage
 * of the true class's inputs predicted as the column's class (rows sum to 100), averaged over
 * seeds, with the value printed in the cell. True classes top to bottom, predicted left to right,
 * both in natural order of the class names.
 */
public final class ConfusionMatrixFigure implements Figure {

  /** The figure id. */
  public static final String ID = "confusion";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String needs() {
    return "confusion[<ann|snn>][<true>][<predicted>] rows (metric confusion-matrix)";
  }

  @Override
  public boolean hasData(ExperimentResults results) {
    return results.hasMetric(ConfusionMatrixFigure::isConfusion);
  }

  private static boolean isConfusion(MetricName m) {
    return m.is("confusion", 3);
  }

  @Override
  public List<NamedChart> charts(ExperimentResults results) {
    List<NamedChart> out = new ArrayList<>();
    for (Variant v : results.variants()) {
      SortedSet<String> metrics = results.metrics(v, ConfusionMatrixFigure::isConfusion);
      SortedSet<String> who = new TreeSet<>();
      metrics.forEach(m -> who.add(MetricName.parse(m).get().arg(0)));
      for (String w : who) {
        out.add(chart(results, v, w, metrics));
      }
    }
    return out;
  }

  private NamedChart chart(
      ExperimentResults results, Variant v, String who, SortedSet<String> metrics) {
    SortedSet<String> classSet = new TreeSet<>(NaturalOrder.INSTANCE);
    for (String m : metrics) {
      MetricName n = MetricName.parse(m).get();
      if (n.arg(0).equals(who)) {
        classSet.add(n.arg(1));
        classSet.add(n.arg(2));
      }
    }
    List<String> classes = new ArrayList<>(classSet);
    int k = classes.size();
    double[][] counts = new double[k][k];
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        String metric = "confusion[" + who + "][" + classes.get(t) + "][" + classes.get(p) + "]";
        counts[t][p] =
            results.scalar(v, metric).filter(m -> !m.isEmpty()).map(MeanStd::mean).orElse(0.0);
      }
    }
    String role = who.toUpperCase(java.util.Locale.ROOT);
    HeatMapChart chart =
        FigureStyle.heatMapChart(
            results.experiment() + ": confusion, " + results.label(v, role),
            "predicted class",
            "true class");
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(100);
    chart.getStyler().setHeatMapValueDecimalPattern("0");
    List<String> yClasses = new ArrayList<>(classes);
    Collections.reverse(yClasses); // first class at the top
    List<Number[]> heat = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      double rowSum = 0;
      for (int p = 0; p < k; p++) {
        rowSum += counts[t][p];
      }
      for (int p = 0; p < k; p++) {
        double pct = rowSum > 0 ? 100 * counts[t][p] / rowSum : 0;
        heat.add(new Number[] {p, k - 1 - t, pct});
      }
    }
    chart.addSeries("% of true class", classes, yClasses, heat);
    int seeds = results.seeds(v).size();
    String caption =
        "Confusion matrix of the "
            + results.label(v, role)
            + ": percentage of each true class (row) "
            + "predicted as each class (column)"
            + (seeds > 1 ? ", mean over " + seeds + " seeds." : ".");
    return new NamedChart(NamedChart.stem(results.experiment(), ID, who, v.name()), caption, chart);
  }
}
