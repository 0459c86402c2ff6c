package org.bsnn.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An experiment that sweeps the width of a VGG-style network: a sweep key whose values all parse as
 * {@code vgg-small} layer lists ({@code c8-c8p-c16-c16p-fc64-fc10}: {@code cN} a 3x3 convolution
 * with N channels, a trailing {@code p} for pooling, {@code fcN} a fully connected layer, the
 * classifier last), usually {@code model.layers}. The width of a list is the channel count of its
 * first convolution (the first layer's size when it has none), so the lists must have distinct
 * widths. Only the variants simulated without early exit count: with exit the SNN's accuracy is the
 * exit's. Besides the width key and {@code binarize} (and the keys that follow the precision,
 * {@link ExperimentResults#precisionKeys()}), nothing else may vary among them, so each width has
 * at most one full-precision and one binary variant.
 *
 * <p>Differences between binary and full precision are paired by seed: per seed present in both,
 * the binary run's value minus the full-precision run's of the same seed, then mean and sample std
 * of those differences ({@link #gap}). Runs of the same seed share the data order and
 * initialisation, so the pairing removes what they have in common; a seed with only one of the two
 * is left out.
 *
 * @param key the sweep key that holds the layer lists
 * @param points one per width, ascending
 */
public record WidthStudy(String key, List<Point> points) {

  /**
   * One width of the study.
   *
   * @param width the channel count of the first convolution
   * @param layers the layer list as swept
   * @param fp the full-precision variant without early exit, if any
   * @param binary the binary variant without early exit, if any
   */
  public record Point(int width, String layers, Optional<Variant> fp, Optional<Variant> binary) {}

  /** Convolutions first, then fully connected layers, the classifier last. */
  private static final Pattern LAYERS =
      Pattern.compile("(?:c[0-9]+p?-)*(?:fc[0-9]+-)*fc[0-9]+", Pattern.CASE_INSENSITIVE);

  private static final Pattern TOKEN = Pattern.compile("f?c([0-9]+)p?", Pattern.CASE_INSENSITIVE);

  /** Copies the points. */
  public WidthStudy {
    points = List.copyOf(points);
  }

  /**
   * The width of a {@code vgg-small} layer list: the first convolution's channels, or the first
   * layer's size without convolutions; empty when the text is not such a list or a size is 0.
   */
  public static Optional<Integer> widthOf(String layers) {
    String t = layers.trim();
    if (!LAYERS.matcher(t).matches()) {
      return Optional.empty();
    }
    List<Integer> sizes = new ArrayList<>();
    for (String token : t.split("-")) {
      Matcher m = TOKEN.matcher(token);
      if (!m.matches() || m.group(1).length() > 9 || Integer.parseInt(m.group(1)) < 1) {
        return Optional.empty(); // a size of 0, or more digits than anyone trains
      }
      sizes.add(Integer.parseInt(m.group(1)));
    }
    // the pattern puts convolutions first, so the first token is a convolution when there is one
    return Optional.of(sizes.get(0));
  }

  /** The width study of an experiment, or empty when it is not one. */
  public static Optional<WidthStudy> of(ExperimentResults e) {
    List<Variant> fixedT =
        e.variants().stream()
            .filter(v -> e.scalarBySeed(v, ExitReferences.EXIT_METRIC).isEmpty())
            .toList();
    if (fixedT.isEmpty()) {
      return Optional.empty();
    }
    List<String> ignored = new ArrayList<>(e.precisionKeys());
    ignored.add(Variant.BINARIZE);
    List<String> varying = varyingKeys(fixedT);
    varying.removeAll(ignored);
    if (varying.size() != 1) {
      return Optional.empty();
    }
    String key = varying.get(0);
    SortedMap<Integer, String> layersByWidth = new TreeMap<>();
    Map<Integer, List<Variant>> fps = new TreeMap<>();
    Map<Integer, List<Variant>> bins = new TreeMap<>();
    for (Variant v : fixedT) {
      Optional<String> layers = v.param(key);
      Optional<Integer> width = layers.flatMap(WidthStudy::widthOf);
      if (width.isEmpty()) {
        return Optional.empty();
      }
      String known = layersByWidth.putIfAbsent(width.get(), layers.get());
      if (known != null && !known.equals(layers.get())) {
        return Optional.empty(); // two lists of one width: the width does not name the network
      }
      (v.precision() == Variant.Precision.BINARY ? bins : fps)
          .computeIfAbsent(width.get(), w -> new ArrayList<>())
          .add(v);
    }
    if (layersByWidth.size() < 2
        || fps.values().stream().anyMatch(l -> l.size() > 1)
        || bins.values().stream().anyMatch(l -> l.size() > 1)) {
      return Optional.empty();
    }
    List<Point> points = new ArrayList<>();
    layersByWidth.forEach(
        (w, layers) ->
            points.add(
                new Point(
                    w,
                    layers,
                    Optional.ofNullable(fps.get(w)).map(l -> l.get(0)),
                    Optional.ofNullable(bins.get(w)).map(l -> l.get(0)))));
    return Optional.of(new WidthStudy(key, points));
  }

  private static List<String> varyingKeys(List<Variant> variants) {
    Map<String, Set<String>> values = new TreeMap<>();
    for (Variant v : variants) {
      v.params().forEach((k, val) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(val));
    }
    List<String> out = new ArrayList<>();
    values.forEach(
        (k, vals) -> {
          boolean everywhere = variants.stream().allMatch(v -> v.params().containsKey(k));
          if (vals.size() > 1 || !everywhere) {
            out.add(k);
          }
        });
    return out;
  }

  /**
   * The binary variant's scalar metric minus the full-precision variant's, paired by seed, in
   * percentage points (values are fractions): mean and sample std over the seeds that have both;
   * empty when the point lacks a variant or no seed has both.
   *
   * @param binaryMetric the binary variant's metric, e.g. {@code snn-final-accuracy}
   * @param fpMetric the full-precision variant's metric, e.g. {@code ann-accuracy}
   */
  public static Optional<MeanStd> gap(
      ExperimentResults e, Point p, String binaryMetric, String fpMetric) {
    if (p.fp().isEmpty() || p.binary().isEmpty()) {
      return Optional.empty();
    }
    return paired(
        e.scalarBySeed(p.binary().get(), binaryMetric), e.scalarBySeed(p.fp().get(), fpMetric));
  }

  /**
   * Per seed present in both, {@code 100 * (a - b)}; their mean and sample std (NaN differences
   * counted as missing); empty when no seed is in both.
   */
  static Optional<MeanStd> paired(SortedMap<Long, Double> a, SortedMap<Long, Double> b) {
    List<Double> d = new ArrayList<>();
    a.forEach(
        (seed, x) -> {
          Double y = b.get(seed);
          if (y != null) {
            d.add(100 * (x - y));
          }
        });
    return d.isEmpty() ? Optional.empty() : Optional.of(MeanStd.of(d));
  }

  /**
   * The full-precision ANN metric to compare an SNN with: {@code ann-accuracy-on-snn-samples} (the
   * ANN on the SNN's own images) when the point's FP variant has it, else {@code ann-accuracy}.
   */
  public static String fpAnnReference(ExperimentResults e, Point p) {
    return p.fp()
            .map(v -> !e.scalarBySeed(v, "ann-accuracy-on-snn-samples").isEmpty())
            .orElse(false)
        ? "ann-accuracy-on-snn-samples"
        : "ann-accuracy";
  }

  /** "8, 16, 32 and 64". */
  String widthList() {
    List<String> w = points.stream().map(p -> String.valueOf(p.width())).toList();
    return w.size() == 1
        ? w.get(0)
        : String.join(", ", w.subList(0, w.size() - 1)) + " and " + w.get(w.size() - 1);
  }
}
