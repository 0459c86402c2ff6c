package org.bsnn.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bsnn.api.util.NaturalOrder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/**
 * Spikes per layer: for each spiking layer, the spikes one input causes over the whole simulation
 * (the {@code spikes[<layer>]} series, spikes per sample per timestep, summed over timesteps), as
 * grouped bars with one bar per variant (FP, binary, ...). Mean over seeds with ±1 std error bars.
 * The raw material of the energy estimate: synaptic operations are spikes times fan-out.
 */
public final class SpikesPerLayerFigure implements Figure {

  /** The figure id. */
  public static final String ID = "spikes-per-layer";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String needs() {
    return "spikes[<layer>] series (metric spikes-per-layer)";
  }

  @Override
  public boolean hasData(ExperimentResults results) {
    return results.hasMetric(SpikesPerLayerFigure::isSpikes);
  }

  private static boolean isSpikes(MetricName m) {
    return m.is("spikes", 1);
  }

  @Override
  public List<NamedChart> charts(ExperimentResults results) {
    List<Variant> variants =
        results.variants().stream()
            .filter(v -> !results.metrics(v, SpikesPerLayerFigure::isSpikes).isEmpty())
            .toList();
    if (variants.isEmpty()) {
      return List.of();
    }
    SortedSet<String> layers = new TreeSet<>(NaturalOrder.INSTANCE);
    SortedSet<Integer> lastTimesteps = new TreeSet<>();
    for (Variant v : variants) {
      for (String metric : results.metrics(v, SpikesPerLayerFigure::isSpikes)) {
        layers.add(MetricName.parse(metric).get().arg(0));
        results.series(v, metric).ifPresent(s -> lastTimesteps.add(s.lastTimestep()));
      }
    }
    String horizon = lastTimesteps.size() == 1 ? "T = " + lastTimesteps.first() : "all timesteps";
    CategoryChart chart =
        FigureStyle.categoryChart(
            results.experiment() + ": spikes per layer",
            "layer",
            "spikes per input (" + horizon + ")");
    chart.getStyler().setYAxisDecimalPattern("#,##0.#");
    Map<Variant, Color> colors = FigureStyle.variantColors(variants);
    boolean multiSeed = false;
    List<String> categories = new ArrayList<>(layers);
    for (Variant v : variants) {
      List<Double> y = new ArrayList<>();
      List<Double> err = new ArrayList<>();
      for (String layer : categories) {
        Optional<MeanStd> total = results.seriesTotal(v, "spikes[" + layer + "]");
        y.add(total.map(MeanStd::mean).orElse(0.0));
        err.add(total.map(MeanStd::std).orElse(0.0));
        multiSeed |= total.map(t -> t.n() > 1).orElse(false);
      }
      CategorySeries s =
          multiSeed
              ? chart.addSeries(results.label(v, "SNN"), categories, y, err)
              : chart.addSeries(results.label(v, "SNN"), categories, y);
      s.setFillColor(colors.get(v));
    }
    FigureStyle.placeLegend(chart);
    String caption =
        "Spikes per input in each layer over the whole simulation ("
            + horizon
            + ")"
            + (multiSeed ? ", mean ± 1 std over seeds." : ".");
    return List.of(new NamedChart(NamedChart.stem(results.experiment(), ID), caption, chart));
  }
}
