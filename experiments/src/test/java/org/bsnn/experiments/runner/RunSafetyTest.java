package org.bsnn.experiments.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input found before the run folder exists leaves nothing; an error after it marks the folder
 * {@code FAILED}; a run folder is worked on by one process at a time.
 */
class RunSafetyTest {

  /** A fast ANN-only experiment on the test-only blobs dataset. */
  static final String ANN_ONLY =
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

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private ConsoleLog log() {
    return new ConsoleLog(new PrintStream(console, true), Clock.systemUTC());
  }

  private ExperimentRunner runner(Optional<String> resume, Instant now) {
    ConsoleLog log = log();
    return new ExperimentRunner(
        new ExperimentRunner.Settings(dir, results(), dir.resolve("conf"), resume),
        PluginRegistry.discover(),
        log,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private Path results() {
    return dir.resolve("results");
  }

  private ExperimentRunner.Summary run(String yaml, Optional<String> resume, String now)
      throws IOException {
    Path f = dir.resolve("experiment.yaml");
    Files.writeString(f, yaml);
    ExperimentRunner r = runner(resume, Instant.parse(now));
    return r.run(r.plan(f, List.of(), List.of()));
  }

  private static void assertNoClassNames(String message) {
    assertFalse(
        message.matches("(?s).*\\b(java|javax|org)\\.[a-z]+\\.[A-Za-z.]*Exception.*"), message);
    assertFalse(message.contains("Exception:"), message);
  }

  @Test
  void aCorruptDataFileFailsBeforeTheRunFolderExists() throws IOException {
    Path images = dir.resolve("images.idx");
    Files.write(images, new byte[] {0, 0, 8, 3, 1, 2});
    Path labels = dir.resolve("labels.idx");
    Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 0});
    String yaml =
        ANN_ONLY
            .replace("dataset: test-blobs", "dataset: idx")
            .replace(
                "model: {hidden: [8]}",
                "model: {hidden: [8]}\ndataset: {trainImages: '%s', trainLabels: '%s', testImages: '%s', testLabels: '%s'}"
                    .formatted(images, labels, images, labels));
    UserFacingException e =
        assertThrows(
            UserFacingException.class, () -> run(yaml, Optional.empty(), "2026-01-01T00:00:00Z"));
    assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("no run folder was created"), e.getMessage());
    assertNoClassNames(e.getMessage());
    assertFalse(Files.exists(results().resolve("runs")), "no run folder");
  }

  @Test
  void aCheckpointThatDoesNotFitTheDatasetFailsBeforeTheRunFolderExists() throws IOException {
    ExperimentRunner.Summary trained = run(ANN_ONLY, Optional.empty(), "2026-01-01T00:00:00Z");
    Path network = trained.runDirectory().resolve("jobs/0/network");
    String checkpoint =
        ANN_ONLY
            .replace("train: random-features", "train: checkpoint")
            .replace(
                "model: {hidden: [8]}",
                "train: {path: '%s'}\ndataset: {classes: 3}".formatted(network));
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> run(checkpoint, Optional.empty(), "2026-01-01T00:00:01Z"));
    assertTrue(
        e.getMessage().contains("has 4 outputs but dataset 'test-blobs' has 3 classes"),
        e.getMessage());
    assertTrue(e.getMessage().startsWith("train 'checkpoint': "), e.getMessage());
    assertEquals(1, RunFolders.list(results().resolve("runs"), Optional.empty()).size());
  }

  @Test
  void anErrorAfterTheFolderExistsMarksItFailedAndLeavesNoResults() throws IOException {
    Path trigger = Files.writeString(dir.resolve("fail-while-this-exists"), "");
    String failing =
        ANN_ONLY
            .replace("[ann-accuracy]", "[ann-accuracy, test-failing]")
            .replace(
                "model: {hidden: [8]}",
                "model: {hidden: [8]}\nevaluate: {test-failing: {failWhile: '%s'}}"
                    .formatted(trigger));
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> run(failing, Optional.empty(), "2026-01-01T00:00:00Z"));
    Path runDir = RunFolders.list(results().resolve("runs"), Optional.empty()).get(0).dir();
    assertEquals(
        e.getMessage() + "\n", Files.readString(runDir.resolve(RunFolders.FAILED)), "FAILED");
    assertFalse(Files.exists(runDir.resolve("results.csv")));
    RunFolders.Run listed = RunFolders.read(runDir);
    assertEquals(RunFolders.Status.FAILED, listed.status());
    assertTrue(listed.detail().startsWith("test-failing: failing on purpose"), listed.detail());
    assertEquals("", Files.readString(runDir.resolve(RunLock.FILE)), "the lock is released");

    // resuming once the cause is gone clears the mark and completes the run
    Files.delete(trigger);
    ExperimentRunner.Summary resumed = run(failing, Optional.of("latest"), "2026-01-01T00:01:00Z");
    assertEquals(runDir, resumed.runDirectory());
    assertFalse(Files.exists(runDir.resolve(RunFolders.FAILED)));
    assertEquals(RunFolders.Status.COMPLETE, RunFolders.read(runDir).status());
  }

  @Test
  void aSecondProcessOnALockedRunSaysWhoHoldsItAndChangesNothing() throws IOException {
    ExperimentRunner.Summary done = run(ANN_ONLY, Optional.empty(), "2026-01-01T00:00:00Z");
    Path runDir = done.runDirectory();
    Files.delete(runDir.resolve("results.csv"));
    Files.delete(runDir.resolve("jobs/0/results.csv"));
    String log = Files.readString(runDir.resolve("run.log"));
    try (RunLock held = RunLock.acquire(runDir, Instant.parse("2026-01-01T00:00:30Z"), log())) {
      assertEquals(RunFolders.Status.RUNNING, RunFolders.read(runDir).status());
      UserFacingException e =
          assertThrows(
              UserFacingException.class,
              () -> run(ANN_ONLY, Optional.of("latest"), "2026-01-01T00:01:00Z"));
      assertTrue(
          e.getMessage()
              .contains(
                  "is in use by process "
                      + ProcessHandle.current().pid()
                      + " on "
                      + RunLock.hostName()
                      + " (since 2026-01-01T00:00:30Z)"),
          e.getMessage());
      assertEquals(log, Files.readString(runDir.resolve("run.log")), "run.log untouched");
      assertFalse(Files.exists(runDir.resolve(RunFolders.FAILED)), "not marked failed");
    }
    run(ANN_ONLY, Optional.of("latest"), "2026-01-01T00:02:00Z");
    assertEquals(RunFolders.Status.COMPLETE, RunFolders.read(runDir).status());
  }

  @Test
  void theLockHoldsAcrossProcessesAndADeadHoldersLockIsTakenOver() throws Exception {
    Path runDir = Files.createDirectories(dir.resolve("run"));
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                RunLockHolder.class.getName(),
                runDir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      UserFacingException e =
          assertThrows(
              UserFacingException.class, () -> RunLock.acquire(runDir, Instant.now(), log()));
      assertTrue(e.getMessage().contains("is in use by process " + child.pid()), e.getMessage());
      assertEquals(RunFolders.Status.RUNNING, RunFolders.read(runDir).status());
    } finally {
      child.destroyForcibly(); // kill -9: the holder cannot clean up
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(RunFolders.Status.INTERRUPTED, RunFolders.read(runDir).status());
    try (RunLock taken = RunLock.acquire(runDir, Instant.now(), log())) {
      String said = console.toString(StandardCharsets.UTF_8);
      assertTrue(
          said.contains("taking over the lock") && said.contains("process " + child.pid()), said);
    }
  }
}
