package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportSummaryTest {

  private static ClaimVerdict v(int claim, ClaimVerdict.Outcome o, String subject, String detail) {
    return new ClaimVerdict(claim, o, "Claim " + claim + " (long label)", subject, detail);
  }

  @Test
  void onePerClaimFromTheEvidenceClosestToThePaperThenWithTheMostSeeds() {
    ReportSummary s = new ReportSummary(1.0, 200);
    s.add(
        new ReportSummary.Evidence(
            "far", "", 3, 5, List.of(v(1, ClaimVerdict.Outcome.HOLDS, "", "far holds."))));
    s.add(
        new ReportSummary.Evidence(
            "near-1-seed",
            "",
            1,
            0,
            List.of(v(1, ClaimVerdict.Outcome.DOES_NOT_HOLD, "", "near, 1 seed."))));
    s.add(
        new ReportSummary.Evidence(
            "near-3-seeds",
            "percentile 99.9",
            3,
            0,
            List.of(v(1, ClaimVerdict.Outcome.DOES_NOT_HOLD, "", "near, 3 seeds."))));
    List<String> lines = s.lines();
    assertEquals(5, lines.size());
    assertEquals(
        "**Does not hold at this scale:** Claim 1 (binary SNN within 1.0 pt of the full-precision ANN): near, "
            + "3 seeds. From `near-3-seeds` (percentile 99.9), 3 seeds. Elsewhere in this report it holds in 1 of 2 other "
            + "checks.",
        lines.get(0));
  }

  @Test
  void checksOfOneClaimCombineAndNameTheirSubjects() {
    ReportSummary s = new ReportSummary(1.0, 200);
    s.add(
        new ReportSummary.Evidence(
            "exit",
            "",
            1,
            0,
            List.of(
                v(5, ClaimVerdict.Outcome.HOLDS, "FP SNN", "12×."),
                v(5, ClaimVerdict.Outcome.DOES_NOT_HOLD, "binary SNN", "3×."))));
    String line = s.lines().get(4);
    assertTrue(
        line.startsWith(
            "**Does not hold at this scale:** Claim 5 (early exit on the largest output potential "
                + "needs at least 10× fewer timesteps"),
        line);
    assertTrue(line.endsWith("FP SNN: 12×. binary SNN: 3×. From `exit`, 1 seed."), line);
  }

  @Test
  void untestedClaimsSayWhy() {
    ReportSummary s = new ReportSummary(1.0, 200);
    s.add(
        new ReportSummary.Evidence(
            "exit",
            "",
            1,
            0,
            List.of(
                v(
                    5,
                    ClaimVerdict.Outcome.NOT_TESTED,
                    "FP SNN",
                    "no run without early exit among the inputs."))));
    List<String> lines = s.lines();
    assertTrue(lines.get(4).startsWith("**Not tested:** Claim 5"), lines.get(4));
    assertTrue(
        lines.get(4).endsWith(": FP SNN: no run without early exit among the inputs."),
        lines.get(4));
    assertTrue(
        lines.get(0).endsWith(": no run without early exit among the inputs checks it."),
        lines.get(0));
    assertEquals(
        0,
        new ReportSummary(1.0, 200)
            .lines().stream().filter(l -> !l.startsWith("**Not tested:**")).count());
  }
}
