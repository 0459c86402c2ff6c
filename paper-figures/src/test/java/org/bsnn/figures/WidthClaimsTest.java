package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claims 1 and 2 against width, in {@link ClaimChecks} and in the report. */
class WidthClaimsTest {

  @TempDir Path tmp;
  private final ClaimChecks checks = new ClaimChecks(1.0, 200);

  private List<ClaimVerdict> verdicts(double[] annGaps, double[] snnGaps) {
    ExperimentResults e = WidthStudyTest.study(annGaps, snnGaps);
    return checks.acrossWidths(e, WidthStudy.of(e).orElseThrow());
  }

  @Test
  void theVerdictNamesTheWidthFromWhichTheGapStaysWithinTheTolerance() {
    // claim 2 (binary SNN - FP SNN): -3.5, -2.5, -0.6, -0.3 pt: within 1 pt from width 32 on.
    // claim 1 (binary SNN - FP ANN on the same images) is 0.2 pt lower: -0.8, -0.5: also from 32.
    List<ClaimVerdict> v = verdicts(WidthStudyTest.ANN_GAPS, WidthStudyTest.SNN_GAPS);
    assertEquals(List.of(1, 2), v.stream().map(ClaimVerdict::number).toList());
    for (ClaimVerdict c : v) {
      assertEquals(ClaimVerdict.Outcome.HOLDS, c.outcome(), c.line());
      assertTrue(
          c.detail()
              .startsWith(
                  "the binary gap is within 1.0 pt from width 32 ("
                      + TestRows.WIDTH_LAYERS[2]
                      + ") on: "),
          c.detail());
    }
    assertTrue(
        v.get(1)
            .detail()
            .contains("8: −3.50 ± 0.14, 16: −2.50 ± 0.14, 32: −0.60 ± 0.14, 64: −0.30 ± 0.14 pt"),
        v.get(1).detail());
    assertTrue(
        v.get(0).detail().contains("binary SNN − FP ANN on the same images per width"),
        v.get(0).detail());
    assertTrue(v.get(0).detail().contains("32: −0.80 ± 0.14"), v.get(0).detail());
  }

  @Test
  void aGapThatOnlyTheWidestClosesIsNamedAsTheWidestTried() {
    List<ClaimVerdict> v = verdicts(WidthStudyTest.ANN_GAPS, new double[] {-3.0, -2.5, -1.5, -0.7});
    assertEquals(ClaimVerdict.Outcome.HOLDS, v.get(1).outcome());
    assertTrue(
        v.get(1)
            .detail()
            .contains(
                "from width 64 ("
                    + TestRows.WIDTH_LAYERS[3]
                    + "), the widest tried: −0.70 ± 0.14 pt"),
        v.get(1).detail());
    // claim 1 is 0.2 pt further: -0.9 at 64, still within
    assertEquals(ClaimVerdict.Outcome.HOLDS, v.get(0).outcome());
  }

  @Test
  void aGapThatNeverClosesSaysSoWithTheClosestWidth() {
    List<ClaimVerdict> v = verdicts(WidthStudyTest.ANN_GAPS, new double[] {-3.0, -2.5, -1.5, -1.2});
    for (ClaimVerdict c : v) {
      assertEquals(ClaimVerdict.Outcome.DOES_NOT_HOLD, c.outcome(), c.line());
      assertTrue(
          c.detail()
              .startsWith(
                  "the binary gap does not fall within 1.0 pt at any width tried (8, 16, 32, 64); "),
          c.detail());
    }
    assertTrue(
        v.get(1).detail().contains("the closest to full precision is −1.20 ± 0.14 pt at width 64"),
        v.get(1).detail());
  }

  @Test
  void aGapWithinAtAMiddleWidthButNotAtTheWidestDoesNotHold() {
    ClaimVerdict c =
        verdicts(WidthStudyTest.ANN_GAPS, new double[] {-3.0, -0.5, -1.5, -1.4}).get(1);
    assertEquals(ClaimVerdict.Outcome.DOES_NOT_HOLD, c.outcome());
    assertTrue(
        c.detail()
            .startsWith(
                "the binary gap is within 1.0 pt at width 16 but not at the widest tried, 64"),
        c.detail());
  }

  @Test
  void theToleranceIsTheReports() {
    ClaimVerdict c =
        new ClaimChecks(2.0, 200)
            .acrossWidths(
                WidthStudyTest.study(
                    WidthStudyTest.ANN_GAPS, new double[] {-3.0, -1.9, -1.5, -1.2}),
                WidthStudy.of(
                        WidthStudyTest.study(
                            WidthStudyTest.ANN_GAPS, new double[] {-3.0, -1.9, -1.5, -1.2}))
                    .orElseThrow())
            .get(1);
    assertTrue(
        c.detail().startsWith("the binary gap is within 2.0 pt from width 16 ("), c.detail());
  }

  @Test
  void theSummaryGivesTheWidthStudyClosestToThePapersSettingsFirst() {
    ReportSummary s = new ReportSummary(1.0, 200);
    s.add(
        new ReportSummary.Evidence(
            "quick",
            "",
            3,
            2,
            List.of(new ClaimVerdict(1, ClaimVerdict.Outcome.DOES_NOT_HOLD, "Claim 1", "−2 pt."))));
    for (String name : List.of("other-balancing", "paper-balancing")) {
      s.addAcrossWidths(
          new ReportSummary.Evidence(
              name,
              "",
              name.startsWith("other") ? 1 : 2,
              name.startsWith("other") ? 3 : 2,
              List.of(
                  new ClaimVerdict(
                      1, ClaimVerdict.Outcome.HOLDS, "Claim 1 against width", name + " detail."))));
    }
    String line = s.lines().get(0);
    assertTrue(
        line.contains(
            "From `quick`, 3 seeds. Against width, `paper-balancing`, 2 seeds: holds; "
                + "paper-balancing detail. Against width, `other-balancing`, 1 seed: holds; "
                + "other-balancing detail."),
        line);
    assertFalse(s.lines().get(1).contains("Against width"), "claim 2 has no verdict against width");
  }

  private Path csv(String name, List<ResultRow> rows) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    ResultsCsv.write(dir.resolve("results.csv"), rows);
    return dir;
  }

  @Test
  void theReportStatesTheGapAtEachWidthAndTheSummaryNamesTheWidth() throws Exception {
    Path run = csv("width", TestRows.widthStudy(WidthStudyTest.ANN_GAPS, WidthStudyTest.SNN_GAPS));
    ReportWriter writer =
        new ReportWriter(ReportWriter.Options.DEFAULTS, new FigureCatalog(List.of()));
    String md = Files.readString(writer.write(List.of(run), tmp.resolve("out")).markdown());
    assertTrue(md.contains("## Binary gap against width"), md);
    assertTrue(
        md.contains(
            "| 32 | "
                + TestRows.WIDTH_LAYERS[2]
                + " | 2 | −0.80 ± 0.14 | −0.60 ± 0.14 | −0.80 ± 0.14 |"),
        md);
    assertTrue(
        md.contains(
            "**Holds:** Claim 2 against width (no accuracy loss from binarization in the SNN): the binary gap is within 1.0 pt from width 32"),
        md);
    String summary = md.substring(md.indexOf("# Summary"), md.indexOf("# Experiment"));
    assertTrue(
        summary.contains(
            "Against width, `width`, 2 seeds: holds; the binary gap is within 1.0 pt from width 32"),
        summary);
  }

  @Test
  void withoutAWidthStudyTheReportHasNoWidthSection() throws Exception {
    Path run = csv("run", TestRows.headline());
    ReportWriter writer =
        new ReportWriter(ReportWriter.Options.DEFAULTS, new FigureCatalog(List.of()));
    String md = Files.readString(writer.write(List.of(run), tmp.resolve("out")).markdown());
    assertFalse(md.contains("against width"), md);
    assertFalse(md.contains("Against width"), md);
  }
}
