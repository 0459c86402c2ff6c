package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir Path tmp;

  /**
   * Tables and text only: figures are tested once below and in the figure tests (they take time).
   */
  private final ReportWriter writer =
      new ReportWriter(ReportWriter.Options.DEFAULTS, new FigureCatalog(List.of()));

  private Path csv(String name, List<org.bsnn.api.results.ResultRow> rows) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    ResultsCsv.write(dir.resolve("results.csv"), rows);
    return dir;
  }

  private static String read(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void tableHasMeanAndStdOverSeedsComputedFromTheCsv() throws Exception {
    Report report = writer.write(List.of(csv("run", TestRows.headline())), tmp.resolve("out"));
    String md = read(report.markdown());
    assertTrue(
        md.contains(
            "| dataset | network | setting | seeds | FP ANN (%) | binary ANN (%) | FP SNN (%) | binary SNN (%) "
                + "| FP SNN timesteps to within 0.5 / 1.0 pt | binary SNN timesteps to within 0.5 / 1.0 pt |"),
        md);
    assertTrue(
        md.contains(
            "| ? | ? | - | 3 | 91.00 ± 1.00 | 88.00 ± 0.00 | 90.50 ± 0.00 | 86.00 ± 1.00 "
                + "| 22.0 ± 2.0 / 12.0 ± 2.0 | not within T=40 / 32.0 ± 2.8 (1 of 3 seeds not within T=40) |"),
        md);
    assertTrue(md.contains("3 seeds (0, 1, 2). SNN accuracy at T=40"), md);
  }

  @Test
  void claimLinesSayWhereTheClaimDoesNotHold() throws Exception {
    String md =
        read(writer.write(List.of(csv("run", TestRows.headline())), tmp.resolve("out")).markdown());
    assertTrue(
        md.contains(
            "- **Does not hold at this scale:** Claim 1 (binary SNN near full-precision accuracy): "
                + "binary SNN 86.00 ± 1.00 % vs FP ANN 91.00 ± 1.00 %: −5.00 pt, more than 1.0 pt below."),
        md);
    assertTrue(
        md.contains(
            "- **Holds:** Claim 3 (conversion: FP SNN reaches its ANN by T=40): FP SNN 90.50 ± 0.00 % "
                + "vs FP ANN 91.00 ± 1.00 %: −0.50 pt, within 1.0 pt."),
        md);
    assertTrue(
        md.contains(
            "**Does not hold at this scale:** Claim 4 (latency: binary SNN within 1.0 pt of its ANN"),
        md);
    assertTrue(
        md.contains("the SNN never came within 1.0 pt in 40 timesteps in 1 of 3 seeds."), md);
    assertTrue(md.contains("**Holds:** Claim 4 (latency: FP SNN within 1.0 pt"), md);
    assertTrue(md.contains("**Not tested:** claim 5 (early exit)"), md);
  }

  @Test
  void noMatchingPaperRowListsThePapersNumbersForReference() throws Exception {
    String md =
        read(writer.write(List.of(csv("run", TestRows.headline())), tmp.resolve("out")).markdown());
    assertTrue(md.contains("there is no like-for-like comparison"), md);
    assertTrue(md.contains("| CIFAR-100 | VGG-15 (vgg15ab) | 64.90 | 64.80 |"), md);
    assertTrue(md.contains("| ImageNet | VGG-15 (vgg15ab) | 69.05 | 64.40 |"), md);
  }

  @Test
  void matchingDatasetAndNetworkGetOursPaperAndTheDifference() throws Exception {
    TestRows r = new TestRows("cifar100-vgg15ab");
    TreeMap<String, String> fp = TestRows.params("binarize", "none");
    TreeMap<String, String> bin = TestRows.params("binarize", "xnor-bwn");
    r.scalar(fp, 0, "ann-accuracy", 0.65).scalar(bin, 0, "ann-accuracy", 0.64);
    r.scalar(fp, 0, "snn-final-accuracy", 0.62).scalar(bin, 0, "snn-final-accuracy", 0.61);
    double[] curve = new double[100];
    java.util.Arrays.fill(curve, 0.62);
    curve[79] = 0.60;
    r.series(fp, 0, "snn-accuracy", curve, "fraction")
        .series(bin, 0, "snn-accuracy", curve, "fraction");
    Path run = csv("cifar", r.rows);
    Files.writeString(
        run.resolve("provenance.json"),
        "{\"run\":{\"gitCommit\":\"abc\",\"gitDirty\":false},\"jobs\":["
            + job("binarize=none", "")
            + ","
            + job("binarize=xnor-bwn", "xnor-bwn")
            + "]}");
    String md = read(writer.write(List.of(run), tmp.resolve("out")).markdown());
    assertTrue(md.contains("| cifar100 | vgg15ab | - | 1 | 65.00 | 64.00 | 62.00 | 61.00 |"), md);
    assertTrue(md.contains("| ours | 65.00 | 64.00 | 60.00 | 61.00 (T=100) |"), md);
    assertTrue(md.contains("| paper | 64.90 | 64.80 | 60.50 | n/a |"), md);
    assertTrue(md.contains("| ours − paper (pt) | +0.10 | −0.80 | −0.50 | n/a |"), md);
    assertTrue(md.contains("FP SNN at T=80 (%)"), md);
    assertTrue(md.contains("working tree clean"), md);
  }

  /**
   * Full precision and binary trained with their own recipes (a linked sweep axis: param:train
   * differs with param:binarize), three seeds each: one table row, mean ± std over the seeds.
   */
  @Test
  void linkedRecipesShareARowWithMeanAndStdOverSeeds() throws Exception {
    TestRows r = new TestRows("cifar100-vgg15ab");
    TreeMap<String, String> fp = TestRows.params("binarize", "none", "train", "cifar100-fp");
    TreeMap<String, String> bin =
        TestRows.params("binarize", "xnor-bwn", "train", "cifar100-binary");
    double[] fpAnn = {0.64, 0.65, 0.66};
    double[] binAnn = {0.60, 0.62, 0.64};
    StringBuilder jobs = new StringBuilder();
    for (int s = 0; s < 3; s++) {
      r.scalar(fp, s, "ann-accuracy", fpAnn[s]).scalar(bin, s, "ann-accuracy", binAnn[s]);
      r.scalar(fp, s, "snn-final-accuracy", fpAnn[s] - 0.01)
          .scalar(bin, s, "snn-final-accuracy", binAnn[s] - 0.02);
      jobs.append(s == 0 ? "" : ",")
          .append(job(TestRows.variant(fp), s, "", paperSettings("avg")))
          .append(',')
          .append(job(TestRows.variant(bin), s, "xnor-bwn", paperSettings("avg")));
    }
    Path run = csv("linked", r.rows);
    Files.writeString(run.resolve("provenance.json"), "{\"run\":{},\"jobs\":[" + jobs + "]}");
    String md = read(writer.write(List.of(run), tmp.resolve("out")).markdown());
    // mean ± sample std: FP 65.00 ± 1.00, binary 62.00 ± 2.00; SNN 1 and 2 pt lower
    assertTrue(
        md.contains(
            "| cifar100 | vgg15ab | - | 3 | 65.00 ± 1.00 | 62.00 ± 2.00 | 64.00 ± 1.00 | 60.00 ± 2.00 |"),
        md);
    assertEquals(1, md.lines().filter(l -> l.startsWith("| cifar100 | vgg15ab |")).count(), md);
    assertTrue(
        md.contains(
            "Full precision and binary also differ in `train` (FP: cifar100-fp; binary: cifar100-binary)"),
        md);
    assertTrue(md.contains("| ours − paper (pt) | +0.10 | −2.80 |"), md);
    assertTrue(md.contains("Our model and conversion settings are the paper's"), md);
  }

  @Test
  void comparisonNamesSettingsThatAreNotThePapers() throws Exception {
    TestRows r = new TestRows("cifar100-vgg15ab-pooling");
    TreeMap<String, String> fp = TestRows.params("binarize", "none", "model.pooling", "max");
    TreeMap<String, String> bin = TestRows.params("binarize", "xnor-bwn", "model.pooling", "max");
    r.scalar(fp, 0, "ann-accuracy", 0.6).scalar(bin, 0, "ann-accuracy", 0.58);
    Path run = csv("pool", r.rows);
    Files.writeString(
        run.resolve("provenance.json"),
        "{\"run\":{},\"jobs\":["
            + job(TestRows.variant(fp), 0, "", paperSettings("max"))
            + ","
            + job(TestRows.variant(bin), 0, "xnor-bwn", paperSettings("max"))
            + "]}");
    String md = read(writer.write(List.of(run), tmp.resolve("out")).markdown());
    assertTrue(
        md.contains(
            "**Not the paper's settings**, so the difference is not a like-for-like comparison: "
                + "model.pooling = max (paper: avg)."),
        md);
  }

  /**
   * The stages of a job with the paper's conversion settings and the given pooling, as
   * provenance.json has them.
   */
  private static String paperSettings(String pooling) {
    return "{\"stage\":\"model\",\"plugin\":\"vgg15ab\",\"version\":\"1\",\"config\":{\"pooling\":\""
        + pooling
        + "\",\"poolBeforeRelu\":true,\"dropout\":0.1,\"head\":\"cifar\"}},"
        + "{\"stage\":\"normalize\",\"plugin\":\"percentile\",\"version\":\"1\",\"config\":{\"percentile\":99.9,\"samples\":3500}},"
        + "{\"stage\":\"convert\",\"plugin\":\"if-neuron\",\"version\":\"1\",\"config\":{\"reset\":\"SUBTRACT\",\"encoding\":\"DIRECT\"}}";
  }

  private static String job(String variant, long seed, String binarizer, String moreStages) {
    String stages =
        "{\"stage\":\"dataset\",\"plugin\":\"cifar100\",\"version\":\"1\"},"
            + (binarizer.isEmpty()
                ? ""
                : "{\"stage\":\"binarize\",\"plugin\":\"" + binarizer + "\",\"version\":\"1\"},")
            + moreStages;
    return "{\"variant\":\"" + variant + "\",\"seed\":" + seed + ",\"stages\":[" + stages + "]}";
  }

  private static String job(String variant, String binarizer) {
    String stages =
        "{\"stage\":\"dataset\",\"plugin\":\"cifar100\",\"version\":\"1\"},"
            + "{\"stage\":\"model\",\"plugin\":\"vgg15ab\",\"version\":\"1\"}"
            + (binarizer.isEmpty()
                ? ""
                : ",{\"stage\":\"binarize\",\"plugin\":\"" + binarizer + "\",\"version\":\"1\"}");
    return "{\"variant\":\"" + variant + "\",\"seed\":0,\"stages\":[" + stages + "]}";
  }

  @Test
  void figuresAreEmbeddedAndTheHtmlSaysTheSame() throws Exception {
    Report report =
        new ReportWriter().write(List.of(csv("run", TestRows.headline())), tmp.resolve("out"));
    String md = read(report.markdown());
    String html = read(report.html());
    assertTrue(md.contains("![accuracy-vs-timestep](figures/synth_accuracy-vs-timestep.png)"), md);
    assertTrue(html.contains("<img src=\"figures/synth_accuracy-vs-timestep.png\""), html);
    assertTrue(html.contains("<td class=\"r\">91.00 ± 1.00</td>"), html);
    assertTrue(html.contains("<strong>Does not hold at this scale:</strong> Claim 1"), html);
    assertEquals(
        8, report.figures().size(), "accuracy, spikes, energy, confusion: PNG and SVG each");
    assertTrue(report.figures().stream().allMatch(Files::isRegularFile));
  }

  @Test
  void sameInputSameBytes() throws Exception {
    Path run = csv("run", TestRows.headline());
    ReportWriter withAccuracyFigure =
        new ReportWriter(
            ReportWriter.Options.DEFAULTS,
            new FigureCatalog(List.of(new AccuracyVsTimestepFigure())));
    Report a = withAccuracyFigure.write(List.of(run), tmp.resolve("a"));
    Report b = withAccuracyFigure.write(List.of(run), tmp.resolve("b"));
    assertTrue(
        read(a.markdown())
            .contains("![accuracy-vs-timestep](figures/synth_accuracy-vs-timestep.png)"));
    assertEquals(read(a.markdown()), read(b.markdown()));
    assertEquals(read(a.html()), read(b.html()));
  }

  @Test
  void realRunReportHasTheMeasuredTableAndProvenance() throws Exception {
    Report report = writer.write(List.of(RealRuns.fashionMnistDir()), tmp.resolve("out"));
    String md = read(report.markdown());
    assertTrue(
        md.contains(
            "| fashion-mnist | mlp | - | 1 | 84.78 | 84.29 | 84.75 | 84.20 | 26 / 19 | 24 / 21 |"),
        md);
    assertTrue(
        md.contains("git commit `fa3ff31efeb771c65f7826c6fdbf447dd5e9fceb`, working tree clean"),
        md);
    assertTrue(
        md.contains("SHA-256 `e828883c7da85a8128e1d0a341db65709cf1d6ea0c215e16a1ece1ad24dfb5b7`"),
        md);
    assertTrue(
        md.contains(
            "| `train-images-idx3-ubyte.gz` | `b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7` |"),
        md);
    assertTrue(md.contains("| binarize | `xnor-bwn` 0.1.0-SNAPSHOT |"), md);
    assertTrue(md.contains("Seeds: 0; sweep: `binarize` = none, xnor-bwn."), md);
    assertTrue(md.contains("Interim quick experiment on real data"), md);
    int binarize = md.indexOf("| binarize |");
    assertTrue(
        md.indexOf("| train |") < binarize && binarize < md.indexOf("| normalize |"),
        "pipeline order");
  }

  @Test
  void earlyExitRunGetsTheLatencyTable() throws Exception {
    String md = read(writer.write(List.of(RealRuns.earlyExitDir()), tmp.resolve("out")).markdown());
    assertTrue(md.contains("| FP SNN | 9.9 | 10.0 | 14.0 | 60.50 | 77.00 | −16.50 |"), md);
    assertTrue(md.contains("working tree **dirty**"), md);
    assertTrue(md.contains("Overrides: `optimize=early-exit`"), md);
  }

  @Test
  void earlyExitWithoutAReferenceHasNoPerThresholdClaimsAndSaysClaimFiveIsNotTested()
      throws Exception {
    String md =
        read(
            writer.write(List.of(csv("run", TestRows.earlyExit())), tmp.resolve("out")).markdown());
    assertFalse(md.contains("[threshold"), md);
    assertFalse(
        md.contains("Claim 1 (binary SNN near"), "claims 1-4 are not checked per threshold");
    assertTrue(md.contains("Claims 1-4 are not checked on the variants with early exit"), md);
    assertTrue(
        md.contains(
            "- **Not tested:** Claim 5 (early exit: FP SNN needs at least 10× fewer mean timesteps"),
        md);
    assertTrue(md.contains("no provenance.json records"), md);
    assertTrue(
        md.contains(
            "| FP SNN, threshold 1 | 5.5 ± 0.7 | 5.0 ± 0.0 | 10.0 ± 0.0 | 70.50 ± 0.71 | 90.00 ± 0.00 | −19.50 | n/a "
                + "| n/a |"),
        md);
    assertTrue(
        md.contains(
            "| variant | mean timesteps | median | 95th percentile | accuracy with exit (%) | ANN (%) "
                + "| exit − ANN (pt) | fixed-T timesteps to the same accuracy | saving (×) |"),
        md);
  }

  @Test
  void summaryComesFirstWithOneLinePerClaim() throws Exception {
    String md =
        read(writer.write(List.of(csv("run", TestRows.headline())), tmp.resolve("out")).markdown());
    int summary = md.indexOf("## Summary");
    assertTrue(summary > 0 && summary < md.indexOf("## Experiment"), md);
    String section = md.substring(summary, md.indexOf("## Experiment"));
    assertEquals(5, section.lines().filter(l -> l.startsWith("- **")).count(), section);
    assertTrue(
        section.contains(
            "- **Does not hold at this scale:** Claim 1 (binary SNN within 1.0 pt of the "
                + "full-precision ANN): binary SNN 86.00 ± 1.00 % vs FP ANN 91.00 ± 1.00 %: −5.00 pt, more than 1.0 pt below. "
                + "From `synth`, 3 seeds."),
        section);
    assertTrue(
        section.contains("- **Not tested:** Claim 5 (early exit on the largest output potential"),
        section);
  }

  /**
   * The quick suite's real headline and early-exit runs: claim 5 measured against the headline's
   * fixed-T curve.
   */
  @Test
  void realEarlyExitRunIsJudgedAgainstTheHeadlineRunOfTheSameNetworks() throws Exception {
    String md =
        read(
            writer
                .write(
                    List.of(RealRuns.quickHeadlineDir(), RealRuns.quickEarlyExitDir()),
                    tmp.resolve("out"))
                .markdown());
    // fixed-T (headline, seed 0): FP first reaches 91.30 % at t=72, binary 89.30 % at t=36
    assertTrue(
        md.contains(
            "| FP SNN, threshold 200.0 | 46.8 | 41.0 | 83.0 | 91.30 | 91.65 | −0.35 | 72 | 1.54 |"),
        md);
    assertTrue(
        md.contains(
            "| binary SNN, threshold 50.0 | 24.3 | 23.0 | 35.0 | 89.30 | 89.50 | −0.20 | 36 | 1.48 |"),
        md);
    assertTrue(
        md.contains(
            "- **Does not hold at this scale:** Claim 5 (early exit: FP SNN needs at least 10× fewer "
                + "mean timesteps than a fixed-T run to the same accuracy, within 1.0 pt of its ANN): the best saving within "
                + "1.0 pt of the ANN, over 6 thresholds, is at threshold 200.0: 46.8 mean timesteps vs 72 fixed-T timesteps to "
                + "reach 91.30 %: 1.54× (ANN on the same images 91.65 %, −0.35 pt). Fixed-T reference: "
                + "`fashion-mnist-vgg-small` (run `quick-headline`, binarize=none)."),
        md);
    assertTrue(
        md.contains(
            "is at threshold 50.0: 24.3 mean timesteps vs 36 fixed-T timesteps to reach 89.30 %: 1.48×"),
        md);
    assertFalse(md.contains("[threshold"), "no per-threshold claims 1-4");
    String summary = md.substring(md.indexOf("## Summary"), md.indexOf("## Experiment"));
    assertTrue(
        summary.contains(
            "Claim 5 (early exit on the largest output potential needs at least 10× fewer "
                + "timesteps than a fixed-T run to the same accuracy, within 1.0 pt of the ANN): FP SNN: the best saving"),
        summary);
    assertTrue(summary.contains("From `fashion-mnist-early-exit`, 1 seed."), summary);
    assertTrue(
        summary.contains(
            "Claim 1 (binary SNN within 1.0 pt of the full-precision ANN): binary SNN 89.50 % vs FP "
                + "ANN on the same images 91.65 %"),
        summary);
  }

  @Test
  void realEarlyExitRunAloneNamesTheRunToAdd() throws Exception {
    String md =
        read(writer.write(List.of(RealRuns.quickEarlyExitDir()), tmp.resolve("out")).markdown());
    assertTrue(
        md.contains("- **Not tested:** Claim 5 (early exit: binary SNN needs at least 10× fewer"),
        md);
    assertTrue(
        md.contains(
            "no run without early exit among the inputs: give the run directory of the same networks "
                + "without early exit too (seed 0; same dataset, model, train, binarize, normalize, convert, simulate settings, "
                + "e.g. the run of fashion-mnist-vgg-small.yaml, which this experiment's description names)"),
        md);
  }

  @Test
  void resultsWithoutAccuracyMetricsAreAUserError() throws Exception {
    TestRows r = new TestRows("spikes-only");
    r.series(TestRows.params(), 0, "spikes[relu1]", new double[] {1, 2}, "spikes/sample");
    Path run = csv("run", r.rows);
    UserFacingException e =
        assertThrows(
            UserFacingException.class, () -> writer.write(List.of(run), tmp.resolve("out")));
    assertTrue(
        e.getMessage().contains("has neither ann-accuracy nor snn-final-accuracy"), e.getMessage());
    assertTrue(Files.notExists(tmp.resolve("out")), "nothing written");
  }
}
