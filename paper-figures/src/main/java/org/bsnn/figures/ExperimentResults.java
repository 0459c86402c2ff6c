package org.bsnn.figures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.util.NaturalOrder;

/**
 * The rows of one experiment, indexed by variant, metric and seed, with the statistics over seeds
 * the figures and the report need. Variants are ordered full precision first, then binary, then by
 * their other parameters in {@link NaturalOrder}.
 */
public final class ExperimentResults {

  private final String experiment;
  private final List<ResultRow> rows;
  private final List<Variant> variants;

  /** variant name, metric, seed, rows (scalars: one row; series: one per timestep). */
  private final Map<String, Map<String, SortedMap<Long, List<ResultRow>>>> index = new TreeMap<>();

  private ExperimentResults(String experiment, List<ResultRow> rows) {
    this.experiment = experiment;
    this.rows = List.copyOf(rows);
    Map<String, Variant> byName = new TreeMap<>();
    for (ResultRow r : rows) {
      byName.putIfAbsent(r.variant(), new Variant(r.variant(), r.params()));
      index
          .computeIfAbsent(r.variant(), k -> new TreeMap<>())
          .computeIfAbsent(r.metric(), k -> new TreeMap<>())
          .computeIfAbsent(r.seed(), k -> new ArrayList<>())
          .add(r);
    }
    List<Variant> sorted = new ArrayList<>(byName.values());
    sorted.sort(VARIANT_ORDER);
    this.variants = List.copyOf(sorted);
  }

  /**
   * Full precision, binary, unspecified; then parameters key by key in natural order; then name.
   */
  static final Comparator<Variant> VARIANT_ORDER =
      (a, b) -> {
        int c = a.precision().compareTo(b.precision());
        if (c != 0) {
          return c;
        }
        Set<String> keys = new TreeSet<>(a.params().keySet());
        keys.addAll(b.params().keySet());
        for (String k : keys) {
          c =
              NaturalOrder.INSTANCE.compare(
                  a.params().getOrDefault(k, ""), b.params().getOrDefault(k, ""));
          if (c != 0) {
            return c;
          }
        }
        return a.name().compareTo(b.name());
      };

  /** The rows of one experiment. */
  public static ExperimentResults of(String experiment, List<ResultRow> rows) {
    for (ResultRow r : rows) {
      if (!r.experiment().equals(experiment)) {
        throw new IllegalArgumentException(
            "row of experiment " + r.experiment() + " given for " + experiment);
      }
    }
    return new ExperimentResults(experiment, rows);
  }

  /** The rows split by experiment, in experiment-name order. */
  public static List<ExperimentResults> split(List<ResultRow> rows) {
    Map<String, List<ResultRow>> byExperiment = new TreeMap<>();
    for (ResultRow r : rows) {
      byExperiment.computeIfAbsent(r.experiment(), k -> new ArrayList<>()).add(r);
    }
    List<ExperimentResults> out = new ArrayList<>();
    byExperiment.forEach((name, list) -> out.add(new ExperimentResults(name, list)));
    return out;
  }

  /** The experiment's name. */
  public String experiment() {
    return experiment;
  }

  /** All rows, in the order given. */
  public List<ResultRow> rows() {
    return rows;
  }

  /** The variants, full precision first. */
  public List<Variant> variants() {
    return variants;
  }

  /** The variants that have at least one row of the metric. */
  public List<Variant> variantsWith(String metric) {
    return variants.stream().filter(v -> metricsOf(v).containsKey(metric)).toList();
  }

  /** True when any variant has a row of the metric. */
  public boolean has(String metric) {
    return variants.stream().anyMatch(v -> metricsOf(v).containsKey(metric));
  }

  /** True when any variant has a metric whose parsed name satisfies the test. */
  public boolean hasMetric(Predicate<MetricName> test) {
    return rows.stream().anyMatch(r -> MetricName.parse(r.metric()).filter(test).isPresent());
  }

  /** The metric names of a variant that satisfy the test, in natural order. */
  public SortedSet<String> metrics(Variant v, Predicate<MetricName> test) {
    SortedSet<String> out = new TreeSet<>(NaturalOrder.INSTANCE);
    for (String m : metricsOf(v).keySet()) {
      if (MetricName.parse(m).filter(test).isPresent()) {
        out.add(m);
      }
    }
    return out;
  }

  /** The seeds of a variant, ascending. */
  public SortedSet<Long> seeds(Variant v) {
    SortedSet<Long> out = new TreeSet<>();
    metricsOf(v).values().forEach(m -> out.addAll(m.keySet()));
    return out;
  }

  /** All seeds of the experiment, ascending. */
  public SortedSet<Long> seeds() {
    SortedSet<Long> out = new TreeSet<>();
    rows.forEach(r -> out.add(r.seed()));
    return out;
  }

  /** The value of a scalar metric per seed (rows with an empty timestep). */
  public SortedMap<Long, Double> scalarBySeed(Variant v, String metric) {
    SortedMap<Long, Double> out = new TreeMap<>();
    SortedMap<Long, List<ResultRow>> bySeed = metricsOf(v).get(metric);
    if (bySeed != null) {
      bySeed.forEach(
          (seed, list) ->
              list.stream()
                  .filter(r -> r.timestep().isEmpty())
                  .findFirst()
                  .ifPresent(r -> out.put(seed, r.value())));
    }
    return out;
  }

  /** Mean and std over seeds of a scalar metric; empty when no seed has it. */
  public Optional<MeanStd> scalar(Variant v, String metric) {
    SortedMap<Long, Double> bySeed = scalarBySeed(v, metric);
    return bySeed.isEmpty() ? Optional.empty() : Optional.of(MeanStd.of(bySeed.values()));
  }

  /**
   * The ANN's accuracy to draw beside a variant's SNN: on the images the SNN saw ({@code
   * ann-accuracy-on-snn-samples}) when the run has it, else on the whole evaluation split.
   */
  public Optional<MeanStd> annReference(Variant v) {
    Optional<MeanStd> same = scalar(v, "ann-accuracy-on-snn-samples");
    return same.isPresent() ? same : scalar(v, "ann-accuracy");
  }

  /** The unit of a metric's rows for a variant, empty when it has none. */
  public Optional<String> unit(Variant v, String metric) {
    SortedMap<Long, List<ResultRow>> bySeed = metricsOf(v).get(metric);
    if (bySeed == null) {
      return Optional.empty();
    }
    return bySeed.values().stream().flatMap(List::stream).map(ResultRow::unit).findFirst();
  }

  /** A series metric (rows with a timestep) averaged over seeds per timestep; empty when absent. */
  public Optional<SeriesStats> series(Variant v, String metric) {
    SortedMap<Long, List<ResultRow>> bySeed = metricsOf(v).get(metric);
    if (bySeed == null) {
      return Optional.empty();
    }
    TreeMap<Integer, List<Double>> byT = new TreeMap<>();
    int seeds = 0;
    for (List<ResultRow> list : bySeed.values()) {
      boolean any = false;
      for (ResultRow r : list) {
        if (r.timestep().isPresent()) {
          byT.computeIfAbsent(r.timestep().getAsInt(), k -> new ArrayList<>()).add(r.value());
          any = true;
        }
      }
      seeds += any ? 1 : 0;
    }
    if (byT.isEmpty()) {
      return Optional.empty();
    }
    int[] t = new int[byT.size()];
    double[] mean = new double[t.length];
    double[] std = new double[t.length];
    int i = 0;
    for (Map.Entry<Integer, List<Double>> e : byT.entrySet()) {
      MeanStd s = MeanStd.of(e.getValue());
      t[i] = e.getKey();
      mean[i] = s.mean();
      std[i] = s.std();
      i++;
    }
    return Optional.of(new SeriesStats(t, mean, std, seeds));
  }

  /**
   * One seed's values of a series metric (rows with a timestep), by timestep; empty when absent.
   */
  public SortedMap<Integer, Double> seriesOfSeed(Variant v, String metric, long seed) {
    SortedMap<Integer, Double> out = new TreeMap<>();
    SortedMap<Long, List<ResultRow>> bySeed = metricsOf(v).get(metric);
    if (bySeed != null && bySeed.containsKey(seed)) {
      bySeed.get(seed).forEach(r -> r.timestep().ifPresent(t -> out.put(t, r.value())));
    }
    return out;
  }

  /** Per seed, the sum of a series over its timesteps; mean and std of those sums over seeds. */
  public Optional<MeanStd> seriesTotal(Variant v, String metric) {
    SortedMap<Long, List<ResultRow>> bySeed = metricsOf(v).get(metric);
    if (bySeed == null) {
      return Optional.empty();
    }
    List<Double> totals = new ArrayList<>();
    for (List<ResultRow> list : bySeed.values()) {
      double sum = 0;
      boolean any = false;
      for (ResultRow r : list) {
        if (r.timestep().isPresent()) {
          sum += r.value();
          any = true;
        }
      }
      if (any) {
        totals.add(sum);
      }
    }
    return totals.isEmpty() ? Optional.empty() : Optional.of(MeanStd.of(totals));
  }

  /** Sweep keys with at least two distinct values among the variants, sorted. */
  public List<String> varyingKeys() {
    Map<String, Set<String>> values = new TreeMap<>();
    for (Variant v : variants) {
      v.params().forEach((k, val) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(val));
    }
    for (Variant v : variants) {
      for (String k : values.keySet()) {
        if (!v.params().containsKey(k)) {
          values.get(k).add(""); // absent in some variant: that varies too
        }
      }
    }
    return values.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * Varying sweep keys other than binarize whose value is fixed by the binarize value, e.g. each
   * precision's own training recipe from a linked sweep axis ({@code train: cifar100-fp} with
   * {@code binarize: none}, {@code train: cifar100-binary} with {@code binarize: xnor-bwn}). They
   * belong to the precision, so they neither split full precision from binary in the report's rows
   * nor appear in legends. Empty when some variant has no {@code param:binarize}.
   */
  public List<String> precisionKeys() {
    if (variants.stream().anyMatch(v -> v.param(Variant.BINARIZE).isEmpty())) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String k : varyingKeys()) {
      if (k.equals(Variant.BINARIZE)) {
        continue;
      }
      Map<String, Set<String>> byBinarize = new TreeMap<>();
      variants.forEach(
          v ->
              byBinarize
                  .computeIfAbsent(v.params().get(Variant.BINARIZE), x -> new TreeSet<>())
                  .add(v.params().getOrDefault(k, "")));
      if (byBinarize.values().stream().allMatch(values -> values.size() == 1)) {
        out.add(k);
      }
    }
    return out;
  }

  /** Varying sweep keys whose values all parse as numbers (e.g. {@code normalize.percentile}). */
  public List<String> numericSweepKeys() {
    List<String> out = new ArrayList<>();
    for (String k : varyingKeys()) {
      boolean numeric =
          variants.stream().allMatch(v -> v.param(k).map(NaturalOrder::number).isPresent());
      if (numeric) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * A short legend label: the model role prefixed by the precision and followed by the varying
   * parameters other than binarize, e.g. "FP SNN", "binary ANN", "FP SNN, percentile 99.9", or just
   * "SNN" for an experiment without a sweep.
   *
   * @param role e.g. "SNN" or "ANN"; may be empty
   */
  public String label(Variant v, String role) {
    return label(v, role, List.of());
  }

  /** Like {@link #label(Variant, String)}, leaving out the given sweep keys. */
  public String label(Variant v, String role, List<String> omitKeys) {
    StringBuilder sb = new StringBuilder();
    switch (v.precision()) {
      case FULL:
        sb.append("FP");
        break;
      case BINARY:
        sb.append("binary");
        if (binarizers().size() > 1) {
          sb.append(" (").append(v.params().get(Variant.BINARIZE)).append(')');
        }
        break;
      default:
        break;
    }
    if (!role.isEmpty()) {
      sb.append(sb.length() > 0 ? " " : "").append(role);
    }
    String params = paramsLabel(v, omitKeys);
    if (!params.isEmpty()) {
      sb.append(sb.length() > 0 ? ", " : "").append(params);
    }
    if (sb.length() == 0) {
      sb.append(v.name());
    }
    return sb.toString();
  }

  /**
   * The varying sweep parameters of a variant other than binarize, the {@link #precisionKeys()} and
   * the omitted keys, e.g. "percentile 99.9"; empty when there are none. A key the variant leaves
   * unset ({@code null} in a linked sweep axis) is left out, and so is a key whose value follows
   * from an earlier key's in every variant (a linked axis sets several keys together: {@code
   * qcfsLevels 4} always comes with {@code normalize none}), so legends stay short.
   */
  public String paramsLabel(Variant v, List<String> omitKeys) {
    List<String> parts = new ArrayList<>();
    List<String> keys = varyingKeys();
    List<String> precisionKeys = precisionKeys();
    List<String> shown = new ArrayList<>();
    for (String k : keys) {
      if (k.equals(Variant.BINARIZE)
          || omitKeys.contains(k)
          || precisionKeys.contains(k)
          || shown.stream().anyMatch(earlier -> determines(earlier, k))) {
        continue;
      }
      shown.add(k);
      String value = v.params().getOrDefault(k, "-");
      if (!value.equals("null")) {
        parts.add(shortKey(k, keys) + " " + value);
      }
    }
    return String.join(", ", parts);
  }

  /** Whether every value of {@code key} comes with one value of {@code other}, in all variants. */
  private boolean determines(String key, String other) {
    Map<String, Set<String>> others = new TreeMap<>();
    for (Variant v : variants) {
      others
          .computeIfAbsent(v.params().getOrDefault(key, ""), x -> new TreeSet<>())
          .add(v.params().getOrDefault(other, ""));
    }
    return others.values().stream().allMatch(values -> values.size() == 1);
  }

  /** The last dotted segment of a key, unless another varying key shares it. */
  static String shortKey(String key, List<String> keys) {
    String last = key.substring(key.lastIndexOf('.') + 1);
    long same = keys.stream().filter(k -> k.substring(k.lastIndexOf('.') + 1).equals(last)).count();
    return same > 1 ? key : last;
  }

  /** The distinct binarizer ids other than none. */
  private Set<String> binarizers() {
    Set<String> out = new TreeSet<>();
    variants.forEach(
        v -> v.param(Variant.BINARIZE).filter(b -> !b.equals("none")).ifPresent(out::add));
    return out;
  }

  private Map<String, SortedMap<Long, List<ResultRow>>> metricsOf(Variant v) {
    return index.getOrDefault(v.name(), Collections.emptyMap());
  }

  /** Groups variants by a key, keeping variant order within and across groups. */
  static <K> LinkedHashMap<K, List<Variant>> group(
      List<Variant> variants, java.util.function.Function<Variant, K> key) {
    LinkedHashMap<K, List<Variant>> out = new LinkedHashMap<>();
    for (Variant v : variants) {
      out.computeIfAbsent(key.apply(v), k -> new ArrayList<>()).add(v);
    }
    return out;
  }
}
