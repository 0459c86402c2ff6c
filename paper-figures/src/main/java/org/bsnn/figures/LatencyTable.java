package org.bsnn.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The report's comparison of conversion methods by latency: for each table row and precision, the
 * SNN's accuracy at a few fixed timesteps (the powers of two up to half the simulated length, and
 * the last), the timesteps it needs to come within each gap of its own ANN, and its energy per
 * inference at the timestep where it first comes within the largest gap, beside the ANN's. Methods
 * that trade accuracy for latency differ at small T, which the paper's layout (accuracy at the last
 * timestep only) hides.
 */
final class LatencyTable {
  private LatencyTable() {}

  /**
   * One row of the report's table: a label and the variant of each precision, if run.
   *
   * @param label the parameters the row's variants share
   * @param fp the full-precision variant
   * @param binary the binary-weight variant
   */
  record Row(String label, Optional<Variant> fp, Optional<Variant> binary) {}

  /**
   * The timesteps the table reads: 1, 2, 4, ... up to half of {@code last}, then {@code last}.
   *
   * @param last the last simulated timestep
   */
  static List<Integer> timesteps(int last) {
    List<Integer> out = new ArrayList<>();
    for (int t = 1; 2 * t <= last; t *= 2) {
      out.add(t);
    }
    if (last > 0) {
      out.add(last);
    }
    return out;
  }

  /**
   * The table, or empty when the experiment has no per-timestep SNN accuracy.
   *
   * @param e the results
   * @param rows the rows, in the report's order
   * @param gaps the gaps of the {@code timesteps-to-within} metrics, ascending
   * @param last the last simulated timestep
   */
  static Optional<ReportDocument.Table> of(
      ExperimentResults e, List<Row> rows, List<Double> gaps, int last) {
    if (!e.has("snn-accuracy") || last <= 0) {
      return Optional.empty();
    }
    List<Integer> ts = timesteps(last);
    List<String> header = new ArrayList<>(List.of("setting", "precision", "ANN (%)"));
    List<Boolean> right = new ArrayList<>(List.of(false, false, true));
    for (int t : ts) {
      header.add("T=" + t);
      right.add(true);
    }
    for (double g : gaps) {
      header.add("T to within " + ReportWriter.fmt(g, 1) + " pt");
      right.add(true);
    }
    if (!gaps.isEmpty()) {
      String g = ReportWriter.fmt(gaps.get(gaps.size() - 1), 1);
      header.add("energy at T within " + g + " pt (µJ)");
      header.add("ANN energy (µJ)");
      right.add(true);
      right.add(true);
    }
    List<List<String>> cells = new ArrayList<>();
    for (Row r : rows) {
      r.fp().ifPresent(v -> cells.add(cells(e, r.label(), "FP", v, ts, gaps)));
      r.binary().ifPresent(v -> cells.add(cells(e, r.label(), "binary", v, ts, gaps)));
    }
    return cells.isEmpty()
        ? Optional.empty()
        : Optional.of(new ReportDocument.Table(header, right, cells));
  }

  private static List<String> cells(
      ExperimentResults e,
      String label,
      String precision,
      Variant v,
      List<Integer> ts,
      List<Double> gaps) {
    List<String> c = new ArrayList<>(List.of(label.isEmpty() ? "-" : label, precision));
    c.add(percent(e.annReference(v)));
    Optional<SeriesStats> acc = e.series(v, "snn-accuracy");
    for (int t : ts) {
      double a = acc.map(s -> s.meanAt(t)).orElse(Double.NaN);
      c.add(Double.isNaN(a) ? "-" : ReportWriter.fmt(100 * a, 2));
    }
    for (double g : gaps) {
      Optional<MeanStd> m = e.scalar(v, ClaimChecks.withinMetric(g));
      c.add(
          m.isEmpty() || m.get().isEmpty()
              ? "never"
              : m.get().n() > 1 ? m.get().format(1) : ReportWriter.fmt(m.get().mean(), 0));
    }
    if (!gaps.isEmpty()) {
      c.add(microjoules(energyAtWithin(e, v, gaps.get(gaps.size() - 1))));
      c.add(
          microjoules(inPicojoules(e, v, "energy[ann][total]", e.scalar(v, "energy[ann][total]"))));
    }
    return c;
  }

  /**
   * Per seed, the SNN's cumulative energy at the timestep where it first comes within {@code gap}
   * of its ANN, in pJ; mean and std over the seeds that do.
   */
  static Optional<MeanStd> energyAtWithin(ExperimentResults e, Variant v, double gap) {
    Optional<String> metric =
        e
            .metrics(
                v,
                m ->
                    m.base().equals("energy")
                        && m.args().size() == 2
                        && m.args().get(0).endsWith("snn")
                        && m.args().get(1).equals("total"))
            .stream()
            .findFirst();
    if (metric.isEmpty()) {
      return Optional.empty();
    }
    List<Double> values = new ArrayList<>();
    for (Map.Entry<Long, Double> s : e.scalarBySeed(v, ClaimChecks.withinMetric(gap)).entrySet()) {
      if (Double.isNaN(s.getValue())) {
        continue;
      }
      SortedMap<Integer, Double> energy = e.seriesOfSeed(v, metric.get(), s.getKey());
      Double atT = energy.get((int) Math.round(s.getValue()));
      if (atT != null) {
        values.add(atT);
      }
    }
    return values.isEmpty()
        ? Optional.empty()
        : inPicojoules(e, v, metric.get(), Optional.of(MeanStd.of(values)));
  }

  private static Optional<MeanStd> inPicojoules(
      ExperimentResults e, Variant v, String metric, Optional<MeanStd> m) {
    double factor =
        e.unit(v, metric).map(EnergyPerInferenceFigure::toPicojoules).orElse(Double.NaN);
    return Double.isNaN(factor)
        ? Optional.empty()
        : m.map(x -> new MeanStd(x.mean() * factor, x.std() * factor, x.n(), x.missing()));
  }

  private static String percent(Optional<MeanStd> m) {
    return m.isEmpty() || m.get().isEmpty() ? "-" : ReportWriter.fmt(100 * m.get().mean(), 2);
  }

  private static String microjoules(Optional<MeanStd> pj) {
    return pj.isEmpty() || pj.get().isEmpty() ? "-" : ReportWriter.fmt(pj.get().mean() / 1e6, 2);
  }
}
