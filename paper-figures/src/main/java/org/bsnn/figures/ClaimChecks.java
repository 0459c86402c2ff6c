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

  /**
   * Claims 1 and 2 against the width of a width study: per width the binary gap (claim 1: binary
   * SNN minus the FP ANN, on the SNN's images when recorded; claim 2: binary SNN minus FP SNN),
   * paired by seed ({@link WidthStudy#gap}). Holds from the smallest width from which the mean gap
   * stays within the tolerance at every wider width tried, which the verdict names; otherwise it
   * does not hold within the widths tried.
   */
  List<ClaimVerdict> acrossWidths(ExperimentResults e, WidthStudy study) {
    List<ClaimVerdict> out = new ArrayList<>();
    boolean sameImages =
        study.points().stream()
            .allMatch(p -> WidthStudy.fpAnnReference(e, p).equals("ann-accuracy-on-snn-samples"));
    out.add(
        acrossWidths(
            1,
            "Claim 1 against width (binary SNN near full-precision accuracy)",
            "binary SNN − FP ANN" + (sameImages ? " on the same images" : ""),
            study,
            p -> WidthStudy.gap(e, p, "snn-final-accuracy", WidthStudy.fpAnnReference(e, p))));
    out.add(
        acrossWidths(
            2,
            "Claim 2 against width (no accuracy loss from binarization in the SNN)",
            "binary SNN − FP SNN",
            study,
            p -> WidthStudy.gap(e, p, "snn-final-accuracy", "snn-final-accuracy")));
    return out;
  }

  private ClaimVerdict acrossWidths(
      int number,
      String claim,
      String gapName,
      WidthStudy study,
      java.util.function.Function<WidthStudy.Point, Optional<MeanStd>> gapOf) {
    String tol = ReportWriter.fmt(tolerancePoints, 1);
    List<WidthStudy.Point> measured = new ArrayList<>();
    List<MeanStd> gaps = new ArrayList<>();
    for (WidthStudy.Point p : study.points()) {
      Optional<MeanStd> g = gapOf.apply(p);
      if (g.isPresent() && !g.get().isEmpty()) {
        measured.add(p);
        gaps.add(g.get());
      }
    }
    if (measured.isEmpty()) {
      return new ClaimVerdict(
          number,
          ClaimVerdict.Outcome.NOT_TESTED,
          claim,
          "no width has both a full-precision and a binary run with accuracies of the same seed.");
    }
    List<String> perWidth = new ArrayList<>();
    for (int i = 0; i < measured.size(); i++) {
      perWidth.add(measured.get(i).width() + ": " + signedGap(gaps.get(i)));
    }
    String table =
        " ("
            + gapName
            + " per width, mean ± std of the same-seed differences: "
            + String.join(", ", perWidth)
            + " pt)";
    int from = measured.size();
    while (from > 0 && within(gaps.get(from - 1))) {
      from--;
    }
    if (from < measured.size()) {
      WidthStudy.Point p = measured.get(from);
      String untested =
          measured.size() < study.points().size()
              ? " Widths without both precisions: "
                  + String.join(
                      ", ",
                      study.points().stream()
                          .filter(x -> !measured.contains(x))
                          .map(x -> String.valueOf(x.width()))
                          .toList())
                  + "."
              : "";
      return new ClaimVerdict(
          number,
          ClaimVerdict.Outcome.HOLDS,
          claim,
          "the binary gap is within "
              + tol
              + " pt from width "
              + p.width()
              + " ("
              + p.layers()
              + ")"
              + (from == measured.size() - 1 ? ", the widest tried" : " on")
              + ": "
              + signedGap(gaps.get(from))
              + " pt"
              + table
              + "."
              + untested);
    }
    int closest = 0;
    for (int i = 1; i < gaps.size(); i++) {
      if (gaps.get(i).mean() > gaps.get(closest).mean()) {
        closest = i;
      }
    }
    List<String> withinSomewhere = new ArrayList<>();
    for (int i = 0; i < measured.size(); i++) {
      if (within(gaps.get(i))) {
        withinSomewhere.add(String.valueOf(measured.get(i).width()));
      }
    }
    String widths =
        String.join(", ", measured.stream().map(x -> String.valueOf(x.width())).toList());
    return new ClaimVerdict(
        number,
        ClaimVerdict.Outcome.DOES_NOT_HOLD,
        claim,
        (withinSomewhere.isEmpty()
                ? "the binary gap does not fall within "
                    + tol
                    + " pt at any width tried ("
                    + widths
                    + ")"
                : "the binary gap is within "
                    + tol
                    + " pt at width "
                    + String.join(", ", withinSomewhere)
                    + " but not at the widest tried, "
                    + measured.get(measured.size() - 1).width()
                    + ", so it does not stay within in the widths tried")
            + "; the closest to full precision is "
            + signedGap(gaps.get(closest))
            + " pt at width "
            + measured.get(closest).width()
            + table
            + ".");
  }

  /** The mean gap is at most the tolerance below 0. */
  private boolean within(MeanStd gap) {
    return gap.mean() >= -tolerancePoints - 1e-9;
  }

  /** "−2.15 ± 0.10" (points), the mean alone for one seed. */
  static String signedGap(MeanStd g) {
    return ReportWriter.signed(g.mean(), 2)
        + (g.n() > 1 ? " ± " + ReportWriter.fmt(g.std(), 2) : "");
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
