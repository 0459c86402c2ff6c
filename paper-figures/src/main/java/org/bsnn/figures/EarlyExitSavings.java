package org.bsnn.figures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;

/**
 * Claim 5 measured against a fixed-T run of the same networks: for each early-exit setting
 * (precision and threshold), the mean timesteps the exit used against T_fixed, the first timestep
 * at which the same networks simulated without exit ({@link ExitReferences}) reach at least the
 * accuracy the exit reached, and the saving T_fixed / mean timesteps, per seed and as mean ± std
 * over seeds.
 *
 * <p>The verdict per precision (and other setting): it holds when some threshold saves at least
 * {@link #ORDER_OF_MAGNITUDE} times with the accuracy with exit within the tolerance of the ANN;
 * else it does not hold at this scale, with the best saving found within the tolerance; not tested
 * when no fixed-T reference is among the inputs. T_fixed is the first timestep reaching the
 * accuracy, even if the curve dips again later: the saving is not flattered by a noisy fixed-T
 * curve.
 */
final class EarlyExitSavings {

  /** "An order of magnitude": the saving the paper claims. */
  static final double ORDER_OF_MAGNITUDE = 10;

  /** Accuracies are fractions of the same image count: equal values are equal up to rounding. */
  private static final double SAME_ACCURACY = 1e-9;

  /**
   * One seed's saving.
   *
   * @param seed the seed
   * @param exitAccuracy the accuracy with exit, a fraction
   * @param meanTimesteps the mean timesteps used with exit
   * @param fixedT the first timestep at which the fixed-T reference reaches {@code exitAccuracy};
   *     empty when it never does
   * @param referenceLast the fixed-T reference's last timestep
   */
  record SeedSaving(
      long seed, double exitAccuracy, double meanTimesteps, OptionalInt fixedT, int referenceLast) {
    /**
     * T_fixed / mean timesteps; with T_fixed unreached, the lower bound referenceLast / mean
     * timesteps.
     */
    double saving() {
      return (fixedT.isPresent() ? fixedT.getAsInt() : referenceLast) / meanTimesteps;
    }

    /** True when {@link #saving()} is only a lower bound. */
    boolean lowerBound() {
      return fixedT.isEmpty();
    }
  }

  /**
   * One early-exit variant (a precision at one threshold) over its seeds.
   *
   * @param variant the variant
   * @param group the precision and other settings, e.g. "FP SNN"
   * @param setting the exit setting, e.g. "threshold 200.0"; empty when the experiment has only one
   * @param exitAccuracy the accuracy with exit over all seeds, a fraction
   * @param ann the ANN's accuracy (on the SNN's images when recorded)
   * @param annName "ANN on the same images" or "ANN"
   * @param meanTimesteps the mean timesteps used over all seeds
   * @param seeds the seeds that have a fixed-T reference
   * @param references the fixed-T references used, described
   * @param missing why some or all seeds have no reference; empty when all have one
   * @param rule the exit optimizer's plugin id, empty when not recorded
   */
  record Point(
      Variant variant,
      String group,
      String setting,
      Optional<MeanStd> exitAccuracy,
      Optional<MeanStd> ann,
      String annName,
      Optional<MeanStd> meanTimesteps,
      List<SeedSaving> seeds,
      List<String> references,
      String missing,
      String rule) {

    /** T_fixed over the seeds with a reference; unreached seeds count as missing. */
    MeanStd fixedT() {
      return MeanStd.of(
          seeds.stream()
              .map(s -> s.fixedT().isPresent() ? (double) s.fixedT().getAsInt() : Double.NaN)
              .toList());
    }

    /** The saving over the seeds with a reference (lower bounds where T_fixed was not reached). */
    MeanStd saving() {
      return MeanStd.of(seeds.stream().map(SeedSaving::saving).toList());
    }

    /** True when a seed's saving is only a lower bound. */
    boolean lowerBound() {
      return seeds.stream().anyMatch(SeedSaving::lowerBound);
    }

    /** Accuracy with exit minus the ANN's, in points; empty when either is missing. */
    Optional<Double> lossPoints() {
      if (exitAccuracy.isEmpty()
          || ann.isEmpty()
          || exitAccuracy.get().isEmpty()
          || ann.get().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(100 * (exitAccuracy.get().mean() - ann.get().mean()));
    }
  }

  private final double tolerancePoints;
  private final List<Point> points = new ArrayList<>();

  /**
   * Measures every variant of the experiment that has {@code exit-accuracy} rows.
   *
   * @param tolerancePoints how many points below the ANN still count as "within"
   */
  EarlyExitSavings(ExperimentResults e, ExitReferences references, double tolerancePoints) {
    this.tolerancePoints = tolerancePoints;
    // The swept exit settings (thresholds) tell a group's points apart; a swept exit rule
    // ("optimize") makes groups.
    List<String> exitKeys =
        e.varyingKeys().stream().filter(k -> k.startsWith("optimize.")).toList();
    List<String> otherKeys = e.varyingKeys().stream().filter(k -> !exitKeys.contains(k)).toList();
    for (Variant v : e.variantsWith(ExitReferences.EXIT_METRIC)) {
      points.add(
          measure(e, v, references, e.label(v, "SNN", exitKeys), e.paramsLabel(v, otherKeys)));
    }
  }

  /** One variant's savings, seed by seed against each seed's fixed-T reference. */
  private static Point measure(
      ExperimentResults e, Variant v, ExitReferences references, String group, String setting) {
    SortedMap<Long, Double> timestepsBySeed = e.scalarBySeed(v, "timesteps-used-mean");
    List<SeedSaving> seeds = new ArrayList<>();
    List<String> used = new ArrayList<>();
    List<String> misses = new ArrayList<>();
    for (Map.Entry<Long, Double> s : e.scalarBySeed(v, ExitReferences.EXIT_METRIC).entrySet()) {
      Double mean = timestepsBySeed.get(s.getKey());
      if (mean == null || !(mean > 0)) {
        misses.add("seed " + s.getKey() + " has no `timesteps-used-mean`");
        continue;
      }
      ExitReferences.Lookup ref = references.find(e, v, s.getKey());
      if (ref.reference().isEmpty() || ref.accuracy().isEmpty()) {
        misses.add(
            ref.reference().isEmpty()
                ? ref.missing()
                : "the fixed-T reference "
                    + ref.reference().get().describe()
                    + " has no `"
                    + ExitReferences.SERIES_METRIC
                    + "` rows");
        continue;
      }
      seeds.add(
          new SeedSaving(
              s.getKey(),
              s.getValue(),
              mean,
              firstReaching(ref.accuracy(), s.getValue()),
              ref.accuracy().lastKey()));
      String d =
          ref.reference().get().describe()
              + (ref.matches() > 1 ? " (first of " + ref.matches() + " matching runs)" : "");
      if (!used.contains(d)) {
        used.add(d);
      }
    }
    boolean sameImages = e.scalar(v, "ann-accuracy-on-snn-samples").isPresent();
    return new Point(
        v,
        group,
        setting,
        e.scalar(v, ExitReferences.EXIT_METRIC),
        e.annReference(v),
        sameImages ? "ANN on the same images" : "ANN",
        e.scalar(v, "timesteps-used-mean"),
        seeds,
        used,
        String.join("; ", misses.stream().distinct().toList()),
        references.exitRule(e, v));
  }

  /**
   * The first timestep at which the accuracy reaches at least the target; empty when it never does.
   */
  static OptionalInt firstReaching(SortedMap<Integer, Double> accuracy, double target) {
    for (Map.Entry<Integer, Double> a : accuracy.entrySet()) {
      if (a.getValue() >= target - SAME_ACCURACY) {
        return OptionalInt.of(a.getKey());
      }
    }
    return OptionalInt.empty();
  }

  /** The measured variants, in the experiment's variant order. */
  List<Point> points() {
    return points;
  }

  /**
   * True unless a variant's recorded exit rule is not the paper's ({@link PaperNumbers#EXIT_RULE}).
   */
  boolean paperRule() {
    return points.stream()
        .allMatch(p -> p.rule().isEmpty() || p.rule().equals(PaperNumbers.EXIT_RULE));
  }

  /** One claim-5 verdict per precision (and other setting), in variant order. */
  List<ClaimVerdict> verdicts() {
    Map<String, List<Point>> groups = new LinkedHashMap<>();
    points.forEach(p -> groups.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p));
    List<ClaimVerdict> out = new ArrayList<>();
    groups.forEach((group, list) -> out.add(verdict(group, list)));
    return out;
  }

  private ClaimVerdict verdict(String group, List<Point> list) {
    String tol = ReportWriter.fmt(tolerancePoints, 1);
    String rule = list.get(0).rule();
    String ruleText =
        rule.isEmpty() || rule.equals(PaperNumbers.EXIT_RULE)
            ? ""
            : " by `" + rule + "`, not the paper's rule";
    String claim =
        "Claim 5 (early exit"
            + ruleText
            + ": "
            + group
            + " needs at least "
            + ReportWriter.fmt(ORDER_OF_MAGNITUDE, 0)
            + "× fewer mean timesteps than a fixed-T run to the same accuracy, within "
            + tol
            + " pt of its ANN)";
    List<Point> tested = list.stream().filter(p -> !p.seeds().isEmpty()).toList();
    if (tested.isEmpty()) {
      return new ClaimVerdict(
          5, ClaimVerdict.Outcome.NOT_TESTED, claim, group, list.get(0).missing() + ".");
    }
    List<Point> within =
        tested.stream()
            .filter(
                p -> p.lossPoints().isPresent() && p.lossPoints().get() >= -tolerancePoints - 1e-9)
            .toList();
    String tail = references(tested) + missingSeeds(list);
    if (within.isEmpty()) {
      Point closest =
          tested.stream()
              .filter(p -> p.lossPoints().isPresent())
              .max(Comparator.comparingDouble(p -> p.lossPoints().get()))
              .orElse(tested.get(0));
      return new ClaimVerdict(
          5,
          ClaimVerdict.Outcome.DOES_NOT_HOLD,
          claim,
          group,
          "no threshold keeps the accuracy with exit "
              + "within "
              + tol
              + " pt of the ANN; the closest, "
              + describe(closest)
              + tail);
    }
    Point best = within.stream().max(Comparator.comparingDouble(p -> p.saving().mean())).get();
    boolean holds = best.saving().mean() >= ORDER_OF_MAGNITUDE;
    String bound =
        !holds && best.lowerBound()
            ? " The saving is a lower bound (the fixed-T run never reached that "
                + "accuracy); a longer fixed-T run would tell more."
            : "";
    return new ClaimVerdict(
        5,
        holds ? ClaimVerdict.Outcome.HOLDS : ClaimVerdict.Outcome.DOES_NOT_HOLD,
        claim,
        group,
        (holds
                ? ""
                : "the best saving within "
                    + tol
                    + " pt of the ANN, over "
                    + tested.size()
                    + " thresholds, is at ")
            + describe(best)
            + tail
            + bound);
  }

  /**
   * Per precision (and other setting), the best saving within the tolerance, compactly: "FP SNN
   * 1.54× (threshold 200.0: 46.8 vs 72 timesteps); binary SNN none within 1.0 pt of the ANN"; empty
   * when no point has a fixed-T reference.
   */
  String bestSavings() {
    Map<String, List<Point>> groups = new LinkedHashMap<>();
    points.stream()
        .filter(p -> !p.seeds().isEmpty())
        .forEach(p -> groups.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p));
    List<String> parts = new ArrayList<>();
    groups.forEach(
        (group, list) -> {
          Optional<Point> best =
              list.stream()
                  .filter(
                      p ->
                          p.lossPoints().isPresent()
                              && p.lossPoints().get() >= -tolerancePoints - 1e-9)
                  .max(Comparator.comparingDouble(p -> p.saving().mean()));
          parts.add(
              group
                  + " "
                  + best.map(
                          p ->
                              savingCell(p)
                                  + "× ("
                                  + (p.setting().isEmpty() ? "its one threshold" : p.setting())
                                  + ": "
                                  + p.meanTimesteps().orElse(MeanStd.of()).format(1)
                                  + " vs "
                                  + fixedTCell(p)
                                  + " timesteps)")
                      .orElse(
                          "none within "
                              + ReportWriter.fmt(tolerancePoints, 1)
                              + " pt of the ANN"));
        });
    return String.join("; ", parts);
  }

  /** The last timestep of the fixed-T references used, 0 when none was found. */
  int referenceLast() {
    return points.stream()
        .flatMap(p -> p.seeds().stream())
        .mapToInt(SeedSaving::referenceLast)
        .max()
        .orElse(0);
  }

  /**
   * "threshold 200.0: 46.8 mean timesteps vs 72 fixed-T timesteps to reach 91.30 %: 1.54× (ANN
   * ...)".
   */
  private static String describe(Point p) {
    MeanStd t = p.meanTimesteps().orElse(MeanStd.of());
    String seeds = "";
    if (p.seeds().size() > 1) {
      seeds =
          " (per seed "
              + String.join(
                  ", ",
                  p.seeds().stream()
                      .map(
                          s ->
                              s.seed()
                                  + ": "
                                  + (s.lowerBound() ? "> " : "")
                                  + ReportWriter.fmt(s.saving(), 2)
                                  + "×")
                      .toList())
              + ")";
    }
    String loss = p.lossPoints().map(l -> ", " + ReportWriter.signed(l, 2) + " pt").orElse("");
    return (p.setting().isEmpty() ? "its one threshold" : p.setting())
        + ": "
        + t.format(1)
        + " mean timesteps vs "
        + fixedTCell(p)
        + " fixed-T timesteps to reach "
        + p.exitAccuracy().map(a -> a.scaled(100).format(2)).orElse("n/a")
        + " %: "
        + savingCell(p)
        + "×"
        + seeds
        + " ("
        + p.annName()
        + " "
        + p.ann().map(a -> a.scaled(100).format(2)).orElse("n/a")
        + " %"
        + loss
        + ").";
  }

  private static String references(List<Point> tested) {
    List<String> refs = new ArrayList<>();
    tested.forEach(p -> p.references().stream().filter(r -> !refs.contains(r)).forEach(refs::add));
    return " Fixed-T reference: " + String.join(", ", refs) + ".";
  }

  private static String missingSeeds(List<Point> list) {
    List<String> misses =
        list.stream()
            .filter(p -> !p.seeds().isEmpty() && !p.missing().isEmpty())
            .map(Point::missing)
            .distinct()
            .toList();
    return misses.isEmpty() ? "" : " Left out: " + String.join("; ", misses) + ".";
  }

  /** T_fixed for the table: "72", "72.0 ± 5.0", "> 200", or "n/a" without a reference. */
  static String fixedTCell(Point p) {
    if (p.seeds().isEmpty()) {
      return "n/a";
    }
    MeanStd t = p.fixedT();
    int last = p.seeds().stream().mapToInt(SeedSaving::referenceLast).max().orElse(0);
    if (t.isEmpty()) {
      return "> " + last;
    }
    String value = t.n() > 1 ? t.format(1) : ReportWriter.fmt(t.mean(), 0);
    return t.missing() > 0
        ? value + " (" + t.missing() + " of " + p.seeds().size() + " seeds > " + last + ")"
        : value;
  }

  /**
   * The saving for the table: "1.54", "1.52 ± 0.10", "≥ 1.50" when a seed's is a lower bound, or
   * "n/a".
   */
  static String savingCell(Point p) {
    if (p.seeds().isEmpty()) {
      return "n/a";
    }
    MeanStd s = p.saving();
    return (p.lowerBound() ? (p.seeds().size() > 1 ? "≥ " : "> ") : "") + s.format(2);
  }
}
