package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.RunFolders;
import org.bsnn.experiments.runner.RunLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bsnn runs}, the refusal of failed runs by {@code figures} and {@code report}, and the run
 * command's bad-input cases: exit code 2, a message without exception class names, nothing written.
 */
class RunsCommandTest {

  private static final String EXPERIMENT =
      """
      name: blobs-ann
      seed: 1
      defaults:
        dataset: test-blobs
        model: mlp
        train: random-features
        evaluate: [ann-accuracy]
      model: {hidden: [8]}
      """;

  @TempDir Path dir;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private String originalHome;

  @BeforeEach
  void redirect() {
    originalOut = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    originalHome = System.getProperty("bsnn.home");
    System.setProperty("bsnn.home", dir.toString());
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    if (originalHome == null) {
      System.clearProperty("bsnn.home");
    } else {
      System.setProperty("bsnn.home", originalHome);
    }
  }

  private Path results() {
    return dir.resolve("results");
  }

  private Path experiment() throws IOException {
    return Files.writeString(dir.resolve("blobs.yaml"), EXPERIMENT);
  }

  /** A finished run, made by the run command; returns its folder. */
  private Path completeRun() throws IOException {
    CliRun cli = new CliRun();
    assertEquals(
        0,
        cli.run("run", experiment().toString(), "--results-dir", results().toString()),
        cli.err());
    return RunFolders.list(results().resolve("runs"), java.util.Optional.empty()).stream()
        .filter(r -> r.status() == RunFolders.Status.COMPLETE)
        .findFirst()
        .orElseThrow()
        .dir();
  }

  /** A copy of {@code run}'s config under another time stamp, without results. */
  private Path unfinishedCopy(Path run, String name) throws IOException {
    Path copy = Files.createDirectories(run.resolveSibling(name));
    Files.copy(run.resolve("config.yaml"), copy.resolve("config.yaml"));
    return copy;
  }

  private static void assertCleanError(CliRun cli) {
    assertTrue(cli.err().startsWith("error: "), cli.err());
    assertFalse(cli.err().contains("Exception"), cli.err());
    assertFalse(cli.err().contains("\tat "), cli.err());
  }

  @Test
  void listsRunsNewestFirstWithTheirStatusAndLatestSkipsUnfinishedOnes() throws IOException {
    Path complete = completeRun();
    Path failed = unfinishedCopy(complete, "2999-01-01T00-00-00_abcdef1");
    Files.writeString(failed.resolve(RunFolders.FAILED), "data went missing\n");
    Path interrupted = unfinishedCopy(complete, "2999-01-01T00-00-01_abcdef1");

    CliRun cli = new CliRun();
    assertEquals(0, cli.run("runs", "--results-dir", results().toString()), cli.err());
    List<String> lines = cli.out().lines().toList();
    assertEquals(5, lines.size(), "header, rule, three runs: " + cli.out());
    assertTrue(lines.get(2).contains(interrupted.getFileName() + "  interrupted"), cli.out());
    assertTrue(lines.get(2).contains("0 of 1 jobs done"), cli.out());
    assertTrue(lines.get(3).contains("failed") && lines.get(3).contains("data went missing"));
    assertTrue(lines.get(4).contains("complete") && lines.get(4).contains("  1  "), cli.out());
    assertTrue(lines.get(4).contains("base ann "), "headline number: " + cli.out());

    CliRun latest = new CliRun();
    assertEquals(
        0,
        latest.run("runs", "blobs-ann", "--latest", "--results-dir", results().toString()),
        latest.err());
    assertEquals(complete + "\n", latest.out().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void figuresAndReportRefuseAFailedRun() throws IOException {
    Path failed = unfinishedCopy(completeRun(), "2999-01-01T00-00-00_abcdef1");
    Files.writeString(failed.resolve(RunFolders.FAILED), "data went missing\n");
    for (String command : List.of("figures", "report")) {
      CliRun cli = new CliRun();
      assertEquals(BsnnCli.BAD_INPUT, cli.run(command, failed.toString()), cli.err());
      assertCleanError(cli);
      assertTrue(
          cli.err().contains("is a failed run (data went missing)")
              && cli.err().contains("needs a complete run"),
          cli.err());
      assertFalse(Files.exists(failed.resolve(command)), "nothing written");
    }
  }

  @Test
  void aSecondResumeOfALockedRunExitsWith2AndNamesTheHolder() throws IOException {
    Path run = completeRun();
    Files.delete(run.resolve("results.csv"));
    ConsoleLog log =
        new ConsoleLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    try (RunLock held = RunLock.acquire(run, Instant.parse("2026-01-01T00:00:00Z"), log)) {
      CliRun cli = new CliRun();
      assertEquals(
          BsnnCli.BAD_INPUT,
          cli.run(
              "run",
              experiment().toString(),
              "--resume",
              run.toString(),
              "--results-dir",
              results().toString()));
      assertCleanError(cli);
      assertTrue(
          cli.err().contains("is in use by process " + ProcessHandle.current().pid()), cli.err());
      assertFalse(Files.exists(run.resolve("results.csv")), "nothing done");
    }
  }

  @Test
  void aBinaryFileAsTheExperimentIsNotATextFile() throws IOException {
    byte[] junk = new byte[3000];
    new Random(7).nextBytes(junk);
    Path file = Files.write(dir.resolve("junk.yaml"), junk);
    CliRun cli = new CliRun();
    assertEquals(BsnnCli.BAD_INPUT, cli.run("run", file.toString()));
    assertCleanError(cli);
    assertTrue(cli.err().contains("is not a text file (not UTF-8)"), cli.err());
  }

  @Test
  void aFileAsTheResultsFolderIsAClearErrorWithoutClassNames() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliRun cli = new CliRun();
    assertEquals(
        BsnnCli.BAD_INPUT,
        cli.run("run", experiment().toString(), "--results-dir", file.toString()));
    assertCleanError(cli);
    assertTrue(cli.err().contains("not a directory: " + file.resolve("runs")), cli.err());
  }

  @Test
  void wrongLengthMeanIsAConfigErrorAtItsLine() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("idx.yaml"),
            EXPERIMENT.replace("dataset: test-blobs", "dataset: idx")
                + "dataset:\n  mean: [0.5, 0.5]\n  std: [0.2, 0.2]\n");
    CliRun cli = new CliRun();
    assertEquals(BsnnCli.BAD_INPUT, cli.run("run", file.toString(), "--dry-run"));
    assertCleanError(cli);
    assertTrue(cli.err().contains("idx.yaml:10 (mean)"), cli.err());
    assertFalse(cli.err().contains("(std)"), "only the key at fault: " + cli.err());
  }

  @Test
  void latestWithoutACompleteRunIsBadInput() throws IOException {
    Files.delete(completeRun().resolve("results.csv"));
    CliRun cli = new CliRun();
    assertEquals(
        BsnnCli.BAD_INPUT,
        cli.run("runs", "blobs-ann", "--latest", "--results-dir", results().toString()));
    assertCleanError(cli);
    assertTrue(cli.err().contains("no complete run of 'blobs-ann'"), cli.err());
  }
}
