package org.bsnn.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bsnn.api.util.NaturalOrder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * Energy per inference, stacked by layer: one bar per model ({@code ann}, {@code fp-snn}, {@code
 * binary-snn}, in that order, then any other), each split into its layers, from the rows {@code
 * energy[<model>][<layer>]} (energy per input; unit pJ, nJ, µJ/uJ, mJ or J; other units are
 * skipped). When several variants report the same model, each gets its own bar labelled with the
 * variant. Mean over seeds. The axis unit is chosen from the largest bar (pJ up to mJ). No chart
 * when there are no such rows.
 */
public final class EnergyPerInferenceFigure implements Figure {

  /** The figure id. */
  public static final String ID = "energy-per-inference";

  private static final List<String> MODEL_ORDER =
      List.of("ann", "fp-ann", "binary-ann", "fp-snn", "binary-snn");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String needs() {
    return "energy[<model>][<layer>] rows in pJ (stage hardware)";
  }

  @Override
  public boolean hasData(ExperimentResults results) {
    return !bars(results).isEmpty();
  }

  /** Bar label to (layer to mean energy in pJ), in bar order. */
  private static Map<String, SortedMap<String, Double>> bars(ExperimentResults results) {
    // model -> variant -> layer -> pJ
    SortedMap<String, Map<Variant, SortedMap<String, Double>>> byModel =
        new TreeMap<>(
            (a, b) -> {
              int ia = MODEL_ORDER.indexOf(a);
              int ib = MODEL_ORDER.indexOf(b);
              ia = ia < 0 ? MODEL_ORDER.size() : ia;
              ib = ib < 0 ? MODEL_ORDER.size() : ib;
              return ia != ib ? Integer.compare(ia, ib) : NaturalOrder.INSTANCE.compare(a, b);
            });
    for (Variant v : results.variants()) {
      for (String metric : results.metrics(v, m -> m.is("energy", 2))) {
        double factor = toPicojoules(results.unit(v, metric).orElse(""));
        if (Double.isNaN(factor)) {
          continue;
        }
        MeanStd m = results.scalar(v, metric).orElse(MeanStd.of());
        if (m.isEmpty()) {
          continue;
        }
        MetricName name = MetricName.parse(metric).get();
        if (name.arg(1).equals("total")) {
          continue; // the hardware models also write the sum; stacking it would count every layer
          // twice
        }
        byModel
            .computeIfAbsent(name.arg(0), k -> new LinkedHashMap<>())
            .computeIfAbsent(v, k -> new TreeMap<>(NaturalOrder.INSTANCE))
            .put(name.arg(1), m.mean() * factor);
      }
    }
    Map<String, SortedMap<String, Double>> out = new LinkedHashMap<>();
    byModel.forEach(
        (model, byVariant) ->
            byVariant.forEach(
                (v, layers) -> {
                  String label =
                      byVariant.size() == 1 ? model : model + " (" + results.label(v, "") + ")";
                  out.put(label, layers);
                }));
    return out;
  }

  /** The factor from a unit to pJ; NaN for an unknown unit. */
  static double toPicojoules(String unit) {
    // the hardware models write per-inference units such as "pJ/inference"
    switch (unit.endsWith("/inference")
        ? unit.substring(0, unit.length() - "/inference".length())
        : unit) {
      case "pJ":
        return 1;
      case "nJ":
        return 1e3;
      case "uJ":
      case "µJ":
        return 1e6;
      case "mJ":
        return 1e9;
      case "J":
        return 1e12;
      default:
        return Double.NaN;
    }
  }

  @Override
  public List<NamedChart> charts(ExperimentResults results) {
    Map<String, SortedMap<String, Double>> bars = bars(results);
    if (bars.isEmpty()) {
      return List.of();
    }
    double max = 0;
    SortedSet<String> layers = new TreeSet<>(NaturalOrder.INSTANCE);
    for (SortedMap<String, Double> b : bars.values()) {
      max = Math.max(max, b.values().stream().mapToDouble(Double::doubleValue).sum());
      layers.addAll(b.keySet());
    }
    String[] units = {"pJ", "nJ", "µJ", "mJ"};
    int u = 0;
    double scale = 1;
    while (u < units.length - 1 && max / scale >= 1000) {
      scale *= 1000;
      u++;
    }
    CategoryChart chart =
        FigureStyle.categoryChart(
            results.experiment() + ": energy per inference",
            "model",
            "energy per input (" + units[u] + ")");
    chart.getStyler().setStacked(true);
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    FigureStyle.legendRight(chart);
    List<String> categories = new ArrayList<>(bars.keySet());
    List<Color> colors = FigureStyle.layerColors(layers.size());
    int i = 0;
    for (String layer : layers) {
      List<Double> y = new ArrayList<>();
      for (String bar : categories) {
        y.add(bars.get(bar).getOrDefault(layer, 0.0) / scale);
      }
      CategorySeries s = chart.addSeries(layer, categories, y);
      s.setFillColor(colors.get(i++));
    }
    String caption =
        "Estimated energy per input, stacked by layer (bottom: first layer), in " + units[u] + ".";
    return List.of(new NamedChart(NamedChart.stem(results.experiment(), ID), caption, chart));
  }
}
