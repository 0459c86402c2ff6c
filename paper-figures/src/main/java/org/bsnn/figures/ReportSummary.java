package org.bsnn.figures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report's summary: one verdict line per claim of the paper over all experiments of the report,
 * from the best evidence for that claim, so a newcomer sees at a glance what holds at this scale.
 * The best evidence is the checked table row (or early-exit experiment) that is closest to the
 * paper's settings (fewest {@link PaperNumbers#deviations}), then has the most seeds, then has no
 * sweep setting, then comes first; the line says how the other evidence came out. A width study
 * ({@link ClaimChecks#acrossWidths}) adds to the lines of claims 1 and 2 from which width they
 * hold; early-exit experiments whose fixed-T references differ in length add each one's best saving
 * to claim 5's line, shortest reference first.
 */
final class ReportSummary {

  /**
   * The verdicts of one table row (claims 1-4) or of one early-exit experiment (claim 5).
   *
   * @param experiment the experiment's name
   * @param setting the row's sweep setting, empty for none
   * @param seeds how many seeds
   * @param deviations how many of the paper's model and conversion settings differ or are
   *     unrecorded
   * @param verdicts the verdicts
   */
  record Evidence(
      String experiment, String setting, int seeds, int deviations, List<ClaimVerdict> verdicts) {
    Evidence {
      verdicts = List.copyOf(verdicts);
    }

    List<ClaimVerdict> of(int claim) {
      return verdicts.stream().filter(v -> v.number() == claim).toList();
    }

    boolean tests(int claim) {
      return ClaimVerdict.combined(of(claim)) != ClaimVerdict.Outcome.NOT_TESTED;
    }

    String describe() {
      return "`"
          + experiment
          + "`"
          + (setting.isEmpty() ? "" : " (" + setting + ")")
          + ", "
          + seeds
          + " seed"
          + (seeds == 1 ? "" : "s");
    }
  }

  private static final Comparator<Evidence> BEST_FIRST =
      Comparator.comparingInt(Evidence::deviations)
          .thenComparing(Comparator.comparingInt(Evidence::seeds).reversed())
          .thenComparing(e -> !e.setting().isEmpty());

  /**
   * The best early-exit saving of one experiment, for claim 5's line when the report holds
   * experiments whose fixed-T references run for different lengths.
   *
   * @param experiment the experiment's name
   * @param referenceLast the last timestep of its fixed-T references
   * @param text the savings, e.g. "FP SNN 1.54× (threshold 200.0); binary SNN 1.48× (threshold
   *     50.0)"
   */
  record ExitSaving(String experiment, int referenceLast, String text) {}

  private final List<String> titles;
  private final List<Evidence> evidence = new ArrayList<>();
  private final List<Evidence> acrossWidths = new ArrayList<>();
  private final List<ExitSaving> exitSavings = new ArrayList<>();

  /**
   * @param tolerancePoints the report's tolerance, in points
   * @param latencyBudget the report's latency budget, in timesteps
   */
  ReportSummary(double tolerancePoints, int latencyBudget) {
    String tol = ReportWriter.fmt(tolerancePoints, 1);
    titles =
        List.of(
            "Claim 1 (binary SNN within " + tol + " pt of the full-precision ANN)",
            "Claim 2 (binary SNN within " + tol + " pt of the FP SNN: no loss from binarization)",
            "Claim 3 (converted SNNs within " + tol + " pt of their ANNs)",
            "Claim 4 (SNNs near their ANNs in at most "
                + latencyBudget
                + " timesteps, an order of magnitude "
                + "below the 2,000-4,000 of prior work)",
            "Claim 5 (early exit on the largest output potential needs at least "
                + ReportWriter.fmt(EarlyExitSavings.ORDER_OF_MAGNITUDE, 0)
                + "× fewer timesteps than a fixed-T run to the "
                + "same accuracy, within "
                + tol
                + " pt of the ANN)");
  }

  /** Adds the verdicts of one table row or early-exit experiment. */
  void add(Evidence e) {
    evidence.add(e);
  }

  /**
   * Adds the verdicts of a width study on claims 1 and 2 ({@link ClaimChecks#acrossWidths}): each
   * claim's line then says from which width the binary gap is within the tolerance, after the best
   * evidence.
   */
  void addAcrossWidths(Evidence e) {
    acrossWidths.add(e);
  }

  /**
   * Adds an experiment's best early-exit savings. When the fixed-T references of the experiments
   * differ in length, claim 5's line lists every experiment's saving with its length, so the saving
   * where latency is long stands beside the one where it is short.
   */
  void addExitSaving(ExitSaving s) {
    if (s.referenceLast() > 0 && !s.text().isEmpty()) {
      exitSavings.add(s);
    }
  }

  /** One line per claim, 1 to 5. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    for (int claim = 1; claim <= titles.size(); claim++) {
      out.add(line(claim));
    }
    return out;
  }

  private String line(int claim) {
    final int c = claim;
    String title = titles.get(claim - 1);
    List<Evidence> tested = evidence.stream().filter(e -> e.tests(c)).sorted(BEST_FIRST).toList();
    if (tested.isEmpty()) {
      String why =
          evidence.stream()
              .flatMap(e -> e.of(c).stream())
              .map(ClaimVerdict::subjectAndDetail)
              .findFirst()
              .orElse(
                  claim == 5
                      ? "no experiment with early exit (`exit-accuracy` rows) among the inputs."
                      : "no run without early exit among the inputs checks it.");
      return "**" + ClaimVerdict.Outcome.NOT_TESTED.label() + ":** " + title + ": " + why;
    }
    Evidence best = tested.get(0);
    List<ClaimVerdict> verdicts =
        best.of(claim).stream()
            .filter(v -> v.outcome() != ClaimVerdict.Outcome.NOT_TESTED)
            .toList();
    ClaimVerdict.Outcome outcome = ClaimVerdict.combined(verdicts);
    StringBuilder sb =
        new StringBuilder("**").append(outcome.label()).append(":** ").append(title).append(": ");
    sb.append(String.join(" ", verdicts.stream().map(ClaimVerdict::subjectAndDetail).toList()));
    sb.append(" From ").append(best.describe()).append('.');
    if (tested.size() > 1) {
      long holding =
          tested.stream()
              .skip(1)
              .filter(e -> ClaimVerdict.combined(e.of(c)) == ClaimVerdict.Outcome.HOLDS)
              .count();
      sb.append(" Elsewhere in this report it holds in ")
          .append(holding)
          .append(" of ")
          .append(tested.size() - 1)
          .append(" other checks.");
    }
    for (Evidence w : acrossWidths.stream().sorted(BEST_FIRST).toList()) {
      for (ClaimVerdict v : w.of(claim)) {
        sb.append(" Against width, ")
            .append(w.describe())
            .append(": ")
            .append(v.outcome().label().toLowerCase(java.util.Locale.ROOT))
            .append("; ")
            .append(v.subjectAndDetail());
      }
    }
    if (claim == 5 && exitSavings.stream().map(ExitSaving::referenceLast).distinct().count() > 1) {
      sb.append(" The best saving within the tolerance by length of the fixed-T run: ");
      sb.append(
          String.join(
              "; ",
              exitSavings.stream()
                  .sorted(Comparator.comparingInt(ExitSaving::referenceLast))
                  .map(
                      x ->
                          "`"
                              + x.experiment()
                              + "` (fixed-T up to "
                              + x.referenceLast()
                              + " timesteps): "
                              + x.text())
                  .toList()));
      sb.append('.');
    }
    return sb.toString();
  }
}
