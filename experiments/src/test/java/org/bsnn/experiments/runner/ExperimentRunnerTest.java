package org.bsnn.experiments.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bsnn.api.config.ConfigException;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs of the whole template with real plugins on the test-only blobs dataset. */
public class ExperimentRunnerTest {

  public static final String EXPERIMENT =
      """
      name: blobs
      seed: 1
      defaults:
        dataset: test-blobs
        model: mlp
        train: random-features
        normalize: max-activation
        convert: if-neuron
        simulate: time-stepped
        evaluate: [ann-accuracy, accuracy-vs-timestep, spikes-per-layer]
      model: {hidden: [32, 32]}
      simulate: {timesteps: 40, batchSize: 32}
      sweep:
        binarize: [none, xnor-bwn]
      """;

  @TempDir Path dir;

  private ExperimentRunner runner(Path results, Optional<String> resume, Instant now) {
    ConsoleLog log =
        new ConsoleLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    return new ExperimentRunner(
        new ExperimentRunner.Settings(dir, results, dir.resolve("conf"), resume),
        PluginRegistry.discover(),
        log,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("blobs.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private ExperimentRunner.Summary run(Path results, Optional<String> resume, Instant now)
      throws IOException {
    ExperimentRunner r = runner(results, resume, now);
    return r.run(r.plan(file(EXPERIMENT), List.of(), List.of()));
  }

  @Test
  void sameConfigAndSeedGiveByteIdenticalResults() throws IOException {
    Path results = dir.resolve("results");
    ExperimentRunner.Summary a =
        run(results, Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"));
    ExperimentRunner.Summary b =
        run(results, Optional.empty(), Instant.parse("2026-01-01T00:00:01Z"));
    assertFalse(a.runDirectory().equals(b.runDirectory()));
    assertArrayEquals(
        Files.readAllBytes(a.runDirectory().resolve("results.csv")),
        Files.readAllBytes(b.runDirectory().resolve("results.csv")));
    for (String f :
        List.of(
            "config.yaml",
            "overrides.txt",
            "provenance.json",
            "run.log",
            "jobs/0/network/network.json")) {
      assertTrue(Files.exists(a.runDirectory().resolve(f)), f);
    }
  }

  @Test
  void runLogKeepsTheNumericalBackendThatTheTerminalDoesNotShow() throws IOException {
    ExperimentRunner.Summary s =
        run(dir.resolve("results"), Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"));
    String log = Files.readString(s.runDirectory().resolve("run.log"));
    assertTrue(log.contains("ND4J environment: backend=CPU"), log);
    assertTrue(log.contains("blas.vendor="), log);
  }

  @Test
  void rowsCoverEveryJobAndTheSnnApproachesTheAnn() throws IOException {
    ExperimentRunner.Summary s =
        run(dir.resolve("results"), Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"));
    List<ResultRow> rows = ResultsCsv.read(s.runDirectory().resolve("results.csv"));
    assertEquals(rows, s.rows());
    for (String variant : List.of("binarize=none", "binarize=xnor-bwn")) {
      double ann = value(rows, variant, "ann-accuracy");
      double snn = value(rows, variant, "snn-final-accuracy");
      assertTrue(ann > 0.9, variant + " ANN accuracy " + ann);
      assertTrue(snn >= ann - 0.05, variant + " SNN " + snn + " vs ANN " + ann);
      assertEquals(
          40,
          rows.stream()
              .filter(r -> r.variant().equals(variant) && r.metric().equals("snn-accuracy"))
              .count());
    }
    assertTrue(rows.stream().allMatch(r -> r.params().containsKey("binarize")));
  }

  private static double value(List<ResultRow> rows, String variant, String metric) {
    return rows.stream()
        .filter(r -> r.variant().equals(variant) && r.metric().equals(metric))
        .findFirst()
        .orElseThrow()
        .value();
  }

  @Test
  void resumeSkipsCompletedJobsWithoutDuplicatingRows() throws IOException {
    Path results = dir.resolve("results");
    ExperimentRunner.Summary full =
        run(results, Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"));
    byte[] expected = Files.readAllBytes(full.runDirectory().resolve("results.csv"));
    // simulate an interruption during job 1: its files and the merged results are missing
    Files.delete(full.runDirectory().resolve("results.csv"));
    Files.delete(full.runDirectory().resolve("jobs/1/results.csv"));
    ExperimentRunner.Summary resumed =
        run(results, Optional.of("latest"), Instant.parse("2026-01-01T00:01:00Z"));
    assertEquals(full.runDirectory(), resumed.runDirectory());
    assertEquals(1, resumed.jobsSkipped());
    assertEquals(1, resumed.jobsRun());
    assertArrayEquals(expected, Files.readAllBytes(resumed.runDirectory().resolve("results.csv")));
  }

  @Test
  void resumingACompleteRunHasNothingToDoAndChangesNothing() throws IOException {
    // a kill after results.csv was written leaves a complete run; --resume must not fail on it
    Path results = dir.resolve("results");
    ExperimentRunner.Summary full =
        run(results, Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"));
    Path runDir = full.runDirectory();
    byte[] csv = Files.readAllBytes(runDir.resolve("results.csv"));
    byte[] provenance = Files.readAllBytes(runDir.resolve("provenance.json"));
    ExperimentRunner.Summary again =
        run(results, Optional.of("latest"), Instant.parse("2026-01-01T00:01:00Z"));
    assertEquals(runDir, again.runDirectory());
    assertEquals(0, again.jobsRun());
    assertEquals(full.rows().size(), again.rows().size());
    assertArrayEquals(csv, Files.readAllBytes(runDir.resolve("results.csv")));
    assertArrayEquals(provenance, Files.readAllBytes(runDir.resolve("provenance.json")));
    ExperimentRunner.Summary named =
        run(results, Optional.of(runDir.toString()), Instant.parse("2026-01-01T00:02:00Z"));
    assertEquals(0, named.jobsRun());
    assertArrayEquals(csv, Files.readAllBytes(runDir.resolve("results.csv")));
  }

  @Test
  void resumeWithoutAnInterruptedRunIsAClearError() throws IOException {
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () ->
                run(
                    dir.resolve("results"),
                    Optional.of("latest"),
                    Instant.parse("2026-01-01T00:00:00Z")));
    assertTrue(e.getMessage().contains("no interrupted run of 'blobs'"), e.getMessage());
  }

  @Test
  void unwritableResultsFolderIsAClearErrorAndWritesNothing() throws IOException {
    Path notADirectory = dir.resolve("results-file");
    Files.writeString(notADirectory, "x");
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> run(notADirectory, Optional.empty(), Instant.parse("2026-01-01T00:00:00Z")));
    assertTrue(e.getMessage().contains("cannot create a run directory"), e.getMessage());
    assertTrue(e.getMessage().contains("--results-dir"), e.getMessage());
  }

  @Test
  void validationFailsBeforeAnyComputeAndListsEveryProblem() throws IOException {
    String bad =
        EXPERIMENT
            .replace(
                "simulate: {timesteps: 40, batchSize: 32}",
                "simulate: {timesteps: 0, batchsize: 32}")
            .replace("normalize: max-activation", "normalize: max-activaton");
    ExperimentRunner r = runner(dir.resolve("results"), Optional.empty(), Instant.now());
    ConfigException e =
        assertThrows(ConfigException.class, () -> r.plan(file(bad), List.of(), List.of()));
    String m = e.getMessage();
    assertTrue(
        m.contains("unknown normalize plugin 'max-activaton'") && m.contains("max-activation"), m);
    assertTrue(
        m.contains("blobs.yaml:12")
            && m.contains("unknown key 'batchsize'")
            && m.contains("batchSize"),
        m);
    assertFalse(
        Files.exists(dir.resolve("results")), "nothing is written before validation passes");
  }

  @Test
  void outOfRangeAndWrongTypeValuesUseTheRecordsMessage() throws IOException {
    ExperimentRunner r = runner(dir.resolve("results"), Optional.empty(), Instant.now());
    String range =
        assertThrows(
                ConfigException.class,
                () -> r.plan(file(EXPERIMENT), List.of("simulate.timesteps=0"), List.of()))
            .getMessage();
    assertTrue(range.contains("timesteps must be >= 1, got 0"), range);
    assertFalse(range.contains("blobs.yaml:12"), "only the key at fault is located: " + range);
    String type =
        assertThrows(
                ConfigException.class,
                () -> r.plan(file(EXPERIMENT), List.of("simulate.timesteps=many"), List.of()))
            .getMessage();
    assertTrue(
        type.contains("command line 'simulate.timesteps=many'") && type.contains("expected int"),
        type);
  }
}
