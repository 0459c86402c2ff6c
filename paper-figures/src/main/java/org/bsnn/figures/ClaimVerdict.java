package org.bsnn.figures;

import java.util.List;

/**
 * One verdict on one claim of the paper, as a line of the report: the outcome in bold, the check
 * ({@code claim}, e.g. "Claim 1 (binary SNN near full-precision accuracy)") and the numbers behind
 * it ({@code detail}). Kept structured so the report's summary can pick and combine verdicts.
 *
 * @param number the claim's number, as docs/reproducing.md lists the claims (1 to 5)
 * @param outcome holds, does not hold, or not tested
 * @param claim what was checked
 * @param subject which network the verdict is about when the detail does not name it (e.g. "FP SNN"
 *     for a latency), else empty; the summary prefixes the detail with it
 * @param detail the numbers and the reasoning, a sentence ending in a full stop
 */
public record ClaimVerdict(
    int number, Outcome outcome, String claim, String subject, String detail) {

  /** The three verdicts the report gives. */
  public enum Outcome {
    /** The claim holds on these results. */
    HOLDS("Holds"),
    /** The results contradict the claim at the scale they were run at. */
    DOES_NOT_HOLD("Does not hold at this scale"),
    /** The results cannot say; the detail says what to add. */
    NOT_TESTED("Not tested");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    /** The words printed in bold, e.g. "Holds". */
    public String label() {
      return label;
    }
  }

  /** A verdict whose detail names what it is about. */
  public ClaimVerdict(int number, Outcome outcome, String claim, String detail) {
    this(number, outcome, claim, "", detail);
  }

  /** The detail prefixed with the subject, for a line that does not print the claim. */
  public String subjectAndDetail() {
    return subject.isEmpty() ? detail : subject + ": " + detail;
  }

  /** The report line: "**Holds:** claim: detail". */
  public String line() {
    return "**" + outcome.label() + ":** " + claim + ": " + detail;
  }

  /**
   * The outcome of several checks of one claim taken together: not tested when none was tested,
   * else does not hold when any does not hold, else holds.
   */
  public static Outcome combined(List<ClaimVerdict> verdicts) {
    if (verdicts.stream().anyMatch(v -> v.outcome() == Outcome.DOES_NOT_HOLD)) {
      return Outcome.DOES_NOT_HOLD;
    }
    return verdicts.stream().anyMatch(v -> v.outcome() == Outcome.HOLDS)
        ? Outcome.HOLDS
        : Outcome.NOT_TESTED;
  }
}
