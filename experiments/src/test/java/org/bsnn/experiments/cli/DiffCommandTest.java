package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.bsnn.api.results.JobProvenance;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.api.results.RunInfo;
import org.bsnn.api.results.StageProvenance;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DiffCommandTest {

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Locale savedLocale;

  @BeforeEach
  void saveLocale() {
    savedLocale = Locale.getDefault();
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(savedLocale);
  }

  /** Runs the command as the top-level CLI would: UserFacingException means exit code 2. */
  private int run(Object... args) {
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    CommandLine cl = new CommandLine(new DiffCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          if (ex instanceof UserFacingException) {
            cmd.getErr().println(ex.getMessage());
            return 2;
          }
          throw ex;
        });
    return cl.execute(strings);
  }

  private static List<ResultRow> rows() {
    List<ResultRow> rows = new ArrayList<>();
    TreeMap<String, String> params = new TreeMap<>(Map.of("binarize", "xnor-bwn"));
    for (int t = 1; t <= 12; t++) {
      rows.add(
          new ResultRow(
              "fig3",
              "binarize=xnor-bwn",
              42,
              "simulation",
              "snn-accuracy",
              OptionalInt.of(t),
              0.5 + t / 100.0,
              "fraction",
              "run-a",
              "cfg-a",
              "0.1.0+aaa",
              params));
    }
    rows.add(
        new ResultRow(
            "fig3",
            "binarize=xnor-bwn",
            42,
            "evaluation",
            "ann-accuracy",
            OptionalInt.empty(),
            0.9875,
            "fraction",
            "run-a",
            "cfg-a",
            "0.1.0+aaa",
            params));
    rows.add(
        new ResultRow(
            "fig3",
            "binarize=xnor-bwn",
            42,
            "hardware-model",
            "energy",
            OptionalInt.empty(),
            1234.5,
            "pJ",
            "run-a",
            "cfg-a",
            "0.1.0+aaa",
            params));
    return rows;
  }

  private static List<ResultRow> withValue(List<ResultRow> rows, int index, double v) {
    List<ResultRow> copy = new ArrayList<>(rows);
    copy.set(index, copy.get(index).withValue(v));
    return copy;
  }

  private Path runDir(String name, List<ResultRow> rows) {
    Path d = dir.resolve(name);
    ResultsCsv.write(d.resolve("results.csv"), rows);
    return d;
  }

  private Path runDir(String name, List<ResultRow> rows, String commit, double percentile)
      throws IOException {
    Path d = runDir(name, rows);
    RunInfo run =
        new RunInfo(
            "0.1.0-SNAPSHOT",
            commit,
            false,
            "17",
            "Linux",
            "fig3.yaml",
            "sha",
            List.of(),
            "2025-01-01T00:00:00Z/" + name,
            "fig3/" + name,
            Map.of());
    JobProvenance job =
        new JobProvenance(
            0,
            "binarize=xnor-bwn",
            42,
            Map.of("binarize", "xnor-bwn"),
            "cfg-a",
            "run-a",
            Map.of(),
            List.of(
                new StageProvenance(
                    "normalization",
                    "data-based",
                    "1.0",
                    Map.of("percentile", percentile),
                    Map.of())));
    new com.fasterxml.jackson.databind.ObjectMapper()
        .writeValue(
            d.resolve("provenance.json").toFile(), Map.of("run", run, "jobs", List.of(job)));
    return d;
  }

  private String[] lines() {
    return out.toString().split("\n");
  }

  @Test
  void identicalRunsExitZeroAndPrintOnlyTheSummary() {
    int code = run(runDir("a", rows()), runDir("b", rows()));
    assertEquals(0, code, err.toString());
    assertEquals("0 rows differ, 0 only in A, 0 only in B (of 14 compared)\n", out.toString());
  }

  @Test
  void oneChangedValuePrintsOnlyThatRowAndExitsOne() {
    int code = run(runDir("a", rows()), runDir("b", withValue(rows(), 9, 0.75)));
    assertEquals(1, code, err.toString());
    String[] lines = lines();
    assertEquals(5, lines.length, out.toString());
    assertTrue(lines[0].startsWith("experiment"), lines[0]);
    assertTrue(lines[0].contains("|A-B|"), lines[0]);
    assertTrue(lines[1].startsWith("----"), lines[1]);
    String row = lines[2];
    assertTrue(
        row.matches(
            "fig3\\s+binarize=xnor-bwn\\s+42\\s+simulation\\s+snn-accuracy\\s+10\\s+0\\.6\\s+0\\.75\\s+0\\.15\\d*"),
        row);
    assertFalse(out.toString().contains("ann-accuracy"));
    assertFalse(out.toString().contains("energy"));
    assertEquals("", lines[3]);
    assertEquals("1 rows differ, 0 only in A, 0 only in B (of 14 compared)", lines[4]);
  }

  @Test
  void columnsAreAligned() {
    List<ResultRow> b = withValue(withValue(rows(), 0, 0.125), 13, 99999.5);
    assertEquals(1, run(runDir("a", rows()), runDir("b", b)));
    String[] lines = lines();
    int col = lines[0].indexOf("|A-B|") + "|A-B|".length();
    assertEquals('-', lines[1].charAt(col - 1), lines[1]);
    assertEquals(' ', lines[1].charAt(col), lines[1]);
    for (int i = 2; i <= 3; i++) {
      assertEquals(
          col, lines[i].length(), "right-aligned |A-B| column, line " + i + ": " + lines[i]);
    }
  }

  @Test
  void differenceWithinToleranceExitsZero() {
    Path a = runDir("a", rows());
    Path b = runDir("b", withValue(rows(), 9, 0.6 + 1e-9));
    assertEquals(1, run(a, b));
    out.getBuffer().setLength(0);
    assertEquals(0, run(a, b, "--atol", "1e-6"));
    assertEquals("0 rows differ, 0 only in A, 0 only in B (of 14 compared)\n", out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, run(a, b, "--rtol=1e-6"));
  }

  @Test
  void rowsOnOneSideAreShownAndExitOne() {
    List<ResultRow> b = new ArrayList<>(rows());
    b.remove(13);
    b.add(
        new ResultRow(
            "fig3",
            "binarize=xnor-bwn",
            42,
            "simulation",
            "snn-accuracy",
            OptionalInt.of(13),
            0.7,
            "fraction",
            "run-a",
            "cfg-a",
            "0.1.0+aaa",
            new TreeMap<>()));
    assertEquals(1, run(runDir("a", rows()), runDir("b", b)));
    String text = out.toString();
    assertTrue(text.matches("(?s).*energy\\s+1234\\.5\\s+-\\s+only in A\n.*"), text);
    assertTrue(text.matches("(?s).*snn-accuracy\\s+13\\s+-\\s+0\\.7\\s+only in B\n.*"), text);
    assertTrue(text.endsWith("0 rows differ, 1 only in A, 1 only in B (of 13 compared)\n"), text);
  }

  @Test
  void unitChangeIsShownInTheNote() {
    List<ResultRow> b = new ArrayList<>(rows());
    ResultRow e = b.get(13);
    b.set(
        13,
        new ResultRow(
            e.experiment(),
            e.variant(),
            e.seed(),
            e.stage(),
            e.metric(),
            e.timestep(),
            e.value(),
            "nJ",
            e.runId(),
            e.configHash(),
            e.workbenchVersion(),
            e.params()));
    assertEquals(1, run(runDir("a", rows()), runDir("b", b)));
    assertTrue(out.toString().contains("unit pJ -> nJ"), out.toString());
  }

  @Test
  void identityColumnsAreComparedOnlyOnRequest() {
    List<ResultRow> b = new ArrayList<>();
    for (ResultRow r : rows()) {
      b.add(
          new ResultRow(
              r.experiment(),
              r.variant(),
              r.seed(),
              r.stage(),
              r.metric(),
              r.timestep(),
              r.value(),
              r.unit(),
              "run-b",
              r.configHash(),
              r.workbenchVersion(),
              r.params()));
    }
    Path pa = runDir("a", rows());
    Path pb = runDir("b", b);
    assertEquals(0, run(pa, pb));
    assertEquals(1, run(pa, pb, "--compare-identity"));
    assertTrue(out.toString().contains("run_id changed"), out.toString());
  }

  @Test
  void acceptsCsvFilesAsWellAsRunDirectories() {
    Path a = runDir("a", rows()).resolve("results.csv");
    Path b = runDir("b", withValue(rows(), 0, 0));
    assertEquals(1, run(a, b));
    assertEquals(0, run(a, runDir("c", rows()).resolve("results.csv")));
  }

  @Test
  void missingInputIsBadInput() {
    Path missing = dir.resolve("nope");
    assertEquals(2, run(runDir("a", rows()), missing));
    assertTrue(err.toString().contains("B: " + missing), err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void directoryWithoutResultsIsBadInput() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertEquals(2, run(empty, runDir("b", rows())));
    assertTrue(err.toString().contains("has no results.csv"), err.toString());
  }

  @Test
  void corruptCsvIsBadInput() throws IOException {
    Path a = runDir("a", rows());
    Files.writeString(a.resolve("results.csv"), "experiment,variant\n");
    assertEquals(2, run(a, runDir("b", rows())));
    assertTrue(err.toString().contains("missing columns"), err.toString());
  }

  @Test
  void badToleranceIsAUsageError() {
    Path a = runDir("a", rows());
    assertEquals(2, run(a, a, "--atol", "-1"));
    assertTrue(err.toString().contains("atol"), err.toString());
    assertEquals(2, run(a, a, "--rtol", "0,5"));
    assertEquals(2, run(a));
  }

  @Test
  void provenanceDifferencesAreShownButDoNotChangeTheExitCode() throws IOException {
    Path a = runDir("a", rows(), "abc", 99.9);
    Path b = runDir("b", rows(), "def", 99.99);
    assertEquals(0, run(a, b, "--provenance"));
    String text = out.toString();
    assertTrue(
        text.contains("provenance: 2 paths differ (ignoring run.runDirectory, run.startedAt)"),
        text);
    assertTrue(
        text.matches(
            "(?s).*jobs\\[0]\\.stages\\[0]\\.config\\.percentile\\s+99\\.9\\s+99\\.99\n.*"),
        text);
    assertTrue(text.matches("(?s).*run\\.gitCommit\\s+\"abc\"\\s+\"def\"\n.*"), text);
    assertFalse(text.contains("\nrun.startedAt"), text);
    assertFalse(text.contains("\nrun.runDirectory"), text);
    assertTrue(text.endsWith("0 rows differ, 0 only in A, 0 only in B (of 14 compared)\n"), text);
    assertEquals(1, run(a, b, "--strict-provenance"));
  }

  @Test
  void identicalProvenanceSaysSo() throws IOException {
    Path a = runDir("a", rows(), "abc", 99.9);
    Path b = runDir("b", rows(), "abc", 99.9);
    assertEquals(0, run(a, b, "--strict-provenance"));
    assertTrue(out.toString().startsWith("provenance: 0 paths differ"), out.toString());
  }

  @Test
  void provenanceWithoutProvenanceFileIsBadInput() {
    assertEquals(2, run(runDir("a", rows()), runDir("b", rows()), "--provenance"));
    assertTrue(err.toString().contains("--provenance needs provenance.json"), err.toString());
    assertEquals(0, run(runDir("c", rows()), runDir("d", rows())));
  }

  @Test
  void allPrintsIdenticalCountsPerStage() {
    assertEquals(1, run(runDir("a", rows()), runDir("b", withValue(rows(), 3, 0)), "--all"));
    String text = out.toString();
    assertTrue(
        text.matches(
            "(?s).*\nstage\\s+compared\\s+identical\\s+differ\\s+only in A\\s+only in B\n.*"),
        text);
    assertTrue(text.matches("(?s).*\nevaluation\\s+1\\s+1\\s+0\\s+0\\s+0\n.*"), text);
    assertTrue(text.matches("(?s).*\nhardware-model\\s+1\\s+1\\s+0\\s+0\\s+0\n.*"), text);
    assertTrue(text.matches("(?s).*\nsimulation\\s+12\\s+11\\s+1\\s+0\\s+0\n.*"), text);
  }

  @Test
  void outputIsLocaleFree() {
    Locale.setDefault(Locale.GERMANY);
    assertEquals(
        1, run(runDir("a", rows()), runDir("b", withValue(rows(), 13, 1234.75)), "--atol", "0.1"));
    assertTrue(
        out.toString().matches("(?s).*energy\\s+1234\\.5\\s+1234\\.75\\s+0\\.25\n.*"),
        out.toString());
    Locale.setDefault(Locale.forLanguageTag("ar-EG"));
    out.getBuffer().setLength(0);
    assertEquals(1, run(runDir("c", rows()), runDir("d", withValue(rows(), 13, 1234.75))));
    assertTrue(
        out.toString().endsWith("1 rows differ, 0 only in A, 0 only in B (of 14 compared)\n"),
        out.toString());
  }

  @Test
  void versionExitsZero() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().startsWith("bsnn "), out.toString());
  }

  @Test
  void helpExitsZero() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("--atol"), out.toString());
    assertTrue(out.toString().contains("--strict-provenance"), out.toString());
  }
}
