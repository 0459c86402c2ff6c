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
import java.util.List;
import java.util.stream.Stream;
import org.bsnn.api.network.Npy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network holding NaN, loaded as a checkpoint or returned by a trainer, stops the run with exit
 * code 2 and a message naming the node and parameter, and no results are written.
 */
class NonFiniteNetworkCliTest {

  private static final String TRAIN =
      """
      name: %s
      seed: 1
      defaults:
        dataset: test-blobs
        model: mlp
        train: %s
        normalize: percentile
        convert: if-neuron
        simulate: time-stepped
        evaluate: [ann-accuracy]
      model: {hidden: [16]}
      simulate: {timesteps: 10, batchSize: 32}
      """;

  @TempDir Path dir;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private PrintStream originalOut;

  @BeforeEach
  void redirect() {
    originalOut = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
  }

  private Path experiment(String name, String yaml) throws IOException {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static List<Path> find(Path root, String fileName) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().equals(fileName)).toList();
    }
  }

  @Test
  void checkpointWithOneNanWeightIsExitCode2NamingNodeAndParameter() throws IOException {
    Path results = dir.resolve("results");
    CliRun ok = new CliRun();
    int trained =
        ok.run(
            "run",
            "--results-dir=" + results,
            experiment("good", TRAIN.formatted("good", "random-features")).toString());
    assertEquals(0, trained, ok.err());
    Path network = find(results, "network.json").get(0).getParent();

    Path weight = network.resolve("tensors/fc1.weight.npy");
    INDArray w = Npy.read(weight);
    w.putScalar(new long[] {3, 7}, Float.NaN);
    Npy.write(weight, w);
    String checkpoint =
        TRAIN.formatted("bad", "checkpoint") + "train: {path: '" + network.toString() + "'}\n";
    Path badResults = dir.resolve("bad-results");
    CliRun bad = new CliRun();
    int rc =
        bad.run("run", "--results-dir=" + badResults, experiment("bad", checkpoint).toString());

    assertEquals(2, rc, bad.err());
    assertTrue(
        bad.err()
            .contains(
                "network "
                    + network.resolve("network.json")
                    + ": node 'fc1' parameter 'weight' holds NaN at index [3, 7] (1 of "),
        bad.err());
    assertTrue(bad.err().contains("corrupt or training diverged"), bad.err());
    assertFalse(bad.err().contains("Exception"), "no class names: " + bad.err());
    assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());
    assertEquals(List.of(), find(badResults, "results.csv"), "no results written");
  }

  @Test
  void aTrainerThatReturnsNanIsReportedAsDivergedTraining() throws IOException {
    Path results = dir.resolve("results");
    CliRun run = new CliRun();
    int rc =
        run.run(
            "run",
            "--results-dir=" + results,
            experiment(
                    "diverged",
                    TRAIN.formatted("diverged", "test-diverging") + "train: {index: 5}\n")
                .toString());
    assertEquals(2, rc, run.err());
    assertTrue(
        run.err()
            .contains(
                "the network trained by 'test-diverging': node 'fc1' parameter 'weight' holds NaN at"
                    + " index [0, 5]"),
        run.err());
    assertTrue(run.err().contains("training diverged: lower the learning rate"), run.err());
    assertFalse(run.err().contains("Exception"), "no class names: " + run.err());
    assertEquals(List.of(), find(results, "results.csv"), "no results written");
  }
}
