package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresCommandTest {

  @TempDir Path dir;
  final CliRun cli = new CliRun();

  /** FP and binary, one seed, ANN accuracy and a 10-timestep SNN accuracy series. */
  static List<ResultRow> rows(String experiment, long seed) {
    List<ResultRow> rows = new ArrayList<>();
    for (String b : new String[] {"none", "xnor-bwn"}) {
      TreeMap<String, String> p = new TreeMap<>();
      p.put("binarize", b);
      String variant = "binarize=" + b;
      rows.add(
          new ResultRow(
              experiment,
              variant,
              seed,
              "evaluate",
              "ann-accuracy",
              OptionalInt.empty(),
              b.equals("none") ? 0.9 : 0.88,
              "fraction",
              "r",
              "c",
              "v",
              p));
      rows.add(
          new ResultRow(
              experiment,
              variant,
              seed,
              "evaluate",
              "snn-final-accuracy",
              OptionalInt.empty(),
              0.87,
              "fraction",
              "r",
              "c",
              "v",
              p));
      for (int t = 1; t <= 10; t++) {
        rows.add(
            new ResultRow(
                experiment,
                variant,
                seed,
                "evaluate",
                "snn-accuracy",
                OptionalInt.of(t),
                0.087 * t,
                "fraction",
                "r",
                "c",
                "v",
                p));
      }
    }
    return rows;
  }

  static Path runDir(Path parent, String name, List<ResultRow> rows) throws Exception {
    Path run = Files.createDirectories(parent.resolve(name));
    ResultsCsv.write(run.resolve("results.csv"), rows);
    return run;
  }

  @Test
  void defaultOutputIsTheRunsFiguresFolder() throws Exception {
    Path run = runDir(dir, "run", rows("exp", 0));
    assertEquals(0, cli.run("figures", run.toString()), cli.err());
    Path png = run.resolve("figures").resolve("exp_accuracy-vs-timestep.png");
    assertTrue(Files.isRegularFile(png));
    assertTrue(Files.isRegularFile(run.resolve("figures").resolve("exp_accuracy-vs-timestep.svg")));
    assertTrue(
        cli.out().contains("1 figure (PNG 300 dpi + SVG) in " + run.resolve("figures")), cli.out());
  }

  @Test
  void outOptionAndSeveralSeedsAndByteStableReruns() throws Exception {
    Path a = runDir(dir, "seed0", rows("exp", 0));
    Path b = runDir(dir, "seed1", rows("exp", 1));
    Path outDir = dir.resolve("paper-figures").resolve("quick");
    assertEquals(
        0,
        cli.run(
            "figures",
            a.toString(),
            b.resolve("results.csv").toString(),
            "--out",
            outDir.toString()),
        cli.err());
    byte[] first = Files.readAllBytes(outDir.resolve("exp_accuracy-vs-timestep.svg"));
    assertEquals(
        0, cli.run("figures", a.toString(), b.toString(), "--out", outDir.toString()), cli.err());
    assertArrayEquals(first, Files.readAllBytes(outDir.resolve("exp_accuracy-vs-timestep.svg")));
  }

  @Test
  void missingInputIsExitCode2() {
    assertEquals(BsnnCli.BAD_INPUT, cli.run("figures", dir.resolve("nope").toString()));
    assertTrue(cli.err().contains("does not exist"), cli.err());
  }

  @Test
  void csvWithoutNeededMetricsIsExitCode2() throws Exception {
    TreeMap<String, String> p = new TreeMap<>();
    Path run =
        runDir(
            dir,
            "run",
            List.of(
                new ResultRow(
                    "exp",
                    "base",
                    0,
                    "evaluate",
                    "ann-accuracy",
                    OptionalInt.empty(),
                    0.9,
                    "fraction",
                    "r",
                    "c",
                    "v",
                    p)));
    assertEquals(BsnnCli.BAD_INPUT, cli.run("figures", run.toString()));
    assertTrue(cli.err().contains("holds none of the metrics a figure needs"), cli.err());
    assertTrue(cli.err().contains("accuracy-vs-timestep: the series snn-accuracy"), cli.err());
    assertTrue(Files.notExists(run.resolve("figures")));
  }

  @Test
  void severalRunsNeedOut() throws Exception {
    Path a = runDir(dir, "seed0", rows("exp", 0));
    Path b = runDir(dir, "seed1", rows("exp", 1));
    assertEquals(BsnnCli.BAD_INPUT, cli.run("figures", a.toString(), b.toString()));
    assertTrue(cli.err().contains("--out DIR"), cli.err());
  }

  @Test
  void noArgumentIsAUsageError() {
    assertEquals(2, cli.run("figures"));
    assertTrue(cli.err().contains("Missing required parameter"), cli.err());
  }
}
