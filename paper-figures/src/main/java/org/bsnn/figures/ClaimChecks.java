package org.bsnn.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks of claims 1 to 4 on one row of the report's table: the FP and the binary variant of
 * one setting, simulated without early exit. Claim 5 (early exit) is {@link EarlyExitSavings}'s.
 *
 * <p>SNN accuracies are compared with the ANN's accuracy on the SNN's own images ({@code
 * ann-accuracy-on-snn-samples}) when the run has it, since the two accuracies of a 2,000-image SNN
 * run and a 10,000-image ANN evaluation differ by sampling alone.
 */
final class ClaimChecks {

  /** Not one of the paper's numbered claims: a side check printed among them. */
  static final int SIDE_CHECK = 0;

  private final double tolerancePoints;
  private final int latencyBudget;

  /**
   * @param tolerancePoints how many percentage points below count as "near"
   * @param latencyBudget the most timesteps that count as an order of magnitude below prior work
   */
  ClaimChecks(double tolerancePoints, int latencyBudget) {
    this.tolerancePoints = tolerancePoints;
    this.latencyBudget = latencyBudget;
  }

  /**
   * The verdicts of claims 1-4 (and the ANN's binarization cost, a side check) for one FP and one
   * binary variant.
   *
   * @param gaps the x of the {@code timesteps-to-within[x pt]} metrics present, ascending
   * @param last the last simulated timestep, 0 when unknown
   */
  List<ClaimVerdict> check(
      ExperimentResults e,
      Optional<Variant> fp,
      Optional<Variant> binary,
      List<Double> gaps,
      int last) {
    List<ClaimVerdict> out = new ArrayList<>();
    double tol = tolerancePoints;
    Optional<MeanStd> fpAnn = stat(e, fp, "ann-accuracy");
    Optional<MeanStd> binAnn = stat(e, binary, "ann-accuracy");
    Optional<MeanStd> fpAnnRef = fp.flatMap(e::annReference);
    Optional<MeanStd> binAnnRef = binary.flatMap(e::annReference);
    String fpAnnName = "FP ANN" + sameImages(e, fp);
    String binAnnName = "binary ANN" + sameImages(e, binary);
    Optional<MeanStd> fpSnn = stat(e, fp, "snn-final-accuracy");
    Optional<MeanStd> binSnn = stat(e, binary, "snn-final-accuracy");
    String by = last > 0 ? " by T=" + last : "";
    out.add(
        near(
            1,
            "Claim 1 (binary SNN near full-precision accuracy)",
            "binary SNN",
            binSnn,
            fpAnnName,
            fpAnnRef,
            tol));
    out.add(
        near(
            2,
            "Claim 2 (no accuracy loss from binarization in the SNN)",
            "binary SNN",
            binSnn,
            "FP SNN",
            fpSnn,
            tol));
    out.add(
        near(
            SIDE_CHECK,
            "Binarization costs little in the ANN (paper: 64.9 vs 64.8 % on CIFAR-100)",
            "binary ANN",
            binAnn,
            "FP ANN",
            fpAnn,
            tol));
    out.add(
        near(
            3,
            "Claim 3 (conversion: FP SNN reaches its ANN" + by + ")",
            "FP SNN",
            fpSnn,
            fpAnnName,
            fpAnnRef,
            tol));
    out.add(
        near(
            3,
            "Claim 3 (conversion: binary SNN reaches its ANN" + by + ")",
            "binary SNN",
            binSnn,
            binAnnName,
            binAnnRef,
            tol));
    if (!gaps.isEmpty()) {
      double gap = gaps.contains(1.0) ? 1.0 : gaps.get(gaps.size() - 1);
      out.add(latency("FP SNN", e, fp, gap, last));
      out.add(latency("binary SNN", e, binary, gap, last));
    } else {
      out.add(
          new ClaimVerdict(
              4,
              ClaimVerdict.Outcome.NOT_TESTED,
              "claim 4 (latency)",
              "no `timesteps-to-within[x pt]` "
                  + "rows; add the `accuracy-vs-timestep` metric with `within: [0.5, 1.0]`."));
    }
    return out;
  }

  /** " on the same images" when the variant's ANN reference is measured on the SNN's images. */
  private static String sameImages(ExperimentResults e, Optional<Variant> v) {
    return v.flatMap(x -> e.scalar(x, "ann-accuracy-on-snn-samples")).isPresent()
        ? " on the same images"
        : "";
  }

  /** "a is within tol pt of b" as a verdict. */
  static ClaimVerdict near(
      int number,
      String claim,
      String aName,
      Optional<MeanStd> a,
      String bName,
      Optional<MeanStd> b,
      double tol) {
    if (a.isEmpty() || b.isEmpty() || a.get().isEmpty() || b.get().isEmpty()) {
      List<String> missing = new ArrayList<>();
      if (a.isEmpty() || a.get().isEmpty()) {
        missing.add(aName);
      }
      if (b.isEmpty() || b.get().isEmpty()) {
        missing.add(bName);
      }
      return new ClaimVerdict(
          number,
          ClaimVerdict.Outcome.NOT_TESTED,
          claim,
          "no " + String.join(" or ", missing) + " accuracy in the results.");
    }
    double d = 100 * (a.get().mean() - b.get().mean());
    boolean holds = d >= -tol - 1e-9;
    String numbers =
        aName
            + " "
            + a.get().scaled(100).format(2)
            + " % vs "
            + bName
            + " "
            + b.get().scaled(100).format(2)
            + " %: "
            + ReportWriter.signed(d, 2)
            + " pt";
    String tolText = ReportWriter.fmt(tol, 1);
    return holds
        ? new ClaimVerdict(
            number,
            ClaimVerdict.Outcome.HOLDS,
            claim,
            numbers + (d >= 0 ? ", at or above." : ", within " + tolText + " pt."))
        : new ClaimVerdict(
            number,
            ClaimVerdict.Outcome.DOES_NOT_HOLD,
            claim,
            numbers + ", more than " + tolText + " pt below.");
  }

  private ClaimVerdict latency(
      String name, ExperimentResults e, Optional<Variant> v, double gap, int last) {
    String claim =
        "Claim 4 (latency: "
            + name
            + " within "
            + ReportWriter.fmt(gap, 1)
            + " pt of its ANN in at most "
            + latencyBudget
            + " timesteps, an order of magnitude below the 2,000-4,000 of prior work)";
    Optional<MeanStd> m = stat(e, v, withinMetric(gap));
    if (m.isEmpty()) {
      return new ClaimVerdict(
          4,
          ClaimVerdict.Outcome.NOT_TESTED,
          claim,
          name,
          "no " + name + " rows of `" + withinMetric(gap) + "`.");
    }
    MeanStd s = m.get();
    if (s.missing() > 0) {
      return new ClaimVerdict(
          4,
          ClaimVerdict.Outcome.DOES_NOT_HOLD,
          claim,
          name,
          "the SNN never came within "
              + ReportWriter.fmt(gap, 1)
              + " pt"
              + (last > 0 ? " in " + last + " timesteps" : "")
              + " in "
              + s.missing()
              + " of "
              + (s.n() + s.missing())
              + " seeds.");
    }
    String value = s.n() > 1 ? s.format(1) : ReportWriter.fmt(s.mean(), 0);
    return new ClaimVerdict(
        4,
        s.mean() <= latencyBudget ? ClaimVerdict.Outcome.HOLDS : ClaimVerdict.Outcome.DOES_NOT_HOLD,
        claim,
        name,
        value + " timesteps.");
  }

  /** The metric name of "timesteps to within x pt". */
  static String withinMetric(double gap) {
    return String.format(Locale.ROOT, "timesteps-to-within[%s pt]", gap);
  }

  static Optional<MeanStd> stat(ExperimentResults e, Optional<Variant> v, String metric) {
    return v.flatMap(x -> e.scalar(x, metric));
  }
}
