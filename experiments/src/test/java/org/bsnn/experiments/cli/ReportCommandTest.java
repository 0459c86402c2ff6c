package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bsnn.api.results.ResultRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {

  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine cli = BsnnCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void writesMarkdownHtmlAndFiguresIntoTheRunsReportFolder() throws Exception {
    Path run = FiguresCommandTest.runDir(dir, "run", FiguresCommandTest.rows("exp", 0));
    assertEquals(0, run("report", run.toString()), err.toString());
    Path md = run.resolve("report").resolve("report.md");
    assertTrue(Files.isRegularFile(run.resolve("report").resolve("report.html")));
    assertTrue(Files.isRegularFile(run.resolve("report").resolve("figures").resolve("exp_accuracy-vs-timestep.png")));
    String text = Files.readString(md);
    assertTrue(text.contains("| ? | ? | - | 1 | 90.00 | 88.00 | 87.00 | 87.00 |"), text);
    assertTrue(text.contains("**Does not hold at this scale:** Claim 1"), text);
    assertTrue(out.toString().contains(md.toString()), out.toString());
  }

  @Test
  void severalSeedsWithOutAndATolerance() throws Exception {
    List<ResultRow> both = new ArrayList<>(FiguresCommandTest.rows("exp", 0));
    Path a = FiguresCommandTest.runDir(dir, "seed0", both);
    Path b = FiguresCommandTest.runDir(dir, "seed1", FiguresCommandTest.rows("exp", 1));
    Path outDir = dir.resolve("out");
    assertEquals(0, run("report", a.toString(), b.toString(), "--out", outDir.toString(), "--tolerance", "5"),
        err.toString());
    String text = Files.readString(outDir.resolve("report.md"));
    assertTrue(text.contains("| ? | ? | - | 2 | 90.00 ± 0.00 | 88.00 ± 0.00 |"), text);
    assertTrue(text.contains("**Holds:** Claim 1"), text);
  }

  @Test
  void badInputIsExitCode2() throws Exception {
    assertEquals(BsnnCli.BAD_INPUT, run("report", dir.resolve("missing").toString()));
    assertTrue(err.toString().contains("does not exist"), err.toString());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(BsnnCli.BAD_INPUT, run("report", empty.toString()));
    assertTrue(err.toString().contains("has no results.csv"), err.toString());
  }

  @Test
  void resultsWithoutAccuracyAreExitCode2() throws Exception {
    List<ResultRow> rows = new ArrayList<>();
    for (ResultRow r : FiguresCommandTest.rows("exp", 0)) {
      if (r.metric().equals("snn-accuracy")) {
        rows.add(r);
      }
    }
    Path run = FiguresCommandTest.runDir(dir, "run", rows);
    assertEquals(BsnnCli.BAD_INPUT, run("report", run.toString()));
    assertTrue(err.toString().contains("has neither ann-accuracy nor snn-final-accuracy"), err.toString());
  }

  @Test
  void negativeToleranceIsAUsageError() throws Exception {
    Path run = FiguresCommandTest.runDir(dir, "run", FiguresCommandTest.rows("exp", 0));
    assertEquals(2, run("report", run.toString(), "--tolerance", "-1"));
    assertTrue(err.toString().contains("tolerance must be >= 0"), err.toString());
  }
}
