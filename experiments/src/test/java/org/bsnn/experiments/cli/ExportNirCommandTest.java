package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNetworkFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bsnn export-nir}: runs a job up to conversion and writes its spiking network as NIR, which
 * reads back through the same service; bad arguments are exit code 2 with nothing written.
 */
class ExportNirCommandTest {

  private static final String EXPERIMENT =
      """
      name: export-nir
      seed: 1
      defaults:
        dataset: test-blobs
        model: mlp
        train: random-features
        binarize: none
        normalize: percentile
        convert: if-neuron
        simulate: time-stepped
        evaluate: [ann-accuracy]
      model: {hidden: [16, 16]}
      simulate: {timesteps: 10, batchSize: 32}
      sweep:
        binarize: [none, xnor-bwn]
      """;

  @TempDir Path dir;

  Path experiment() throws IOException {
    Path f = dir.resolve("export.yaml");
    Files.writeString(f, EXPERIMENT);
    return f;
  }

  static SpikingNetworkFormat nir() {
    return SpikingNetworkFormat.discover(ExportNirCommandTest.class.getClassLoader()).stream()
        .filter(f -> f.format().equals("nir"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void exportsTheConvertedNetworkOfAJob() throws IOException {
    Path out = dir.resolve("nets").resolve("binary.nir");
    CliRun cli = new CliRun();
    int code =
        cli.run(
            "export-nir",
            experiment().toString(),
            "--job",
            "1",
            "--results-dir",
            dir.resolve("results").toString(),
            "--out",
            out.toString());
    assertEquals(0, code, cli.err());
    assertTrue(cli.out().contains("exported"), cli.out());
    SpikingNetwork snn = nir().read(out, true);
    assertEquals(3, snn.nodes().size(), "two hidden IF layers and the output");
    assertTrue(
        snn.nodes().stream()
            .flatMap(n -> n.inputs().stream())
            .flatMap(p -> p.ops().stream())
            .flatMap(op -> op.asWeighted().stream())
            .anyMatch(w -> w.weights().isBinary()),
        "the xnor-bwn job's binary hidden weights come back binary");
    assertFalse(
        Files.exists(dir.resolve("results").resolve("export-nir")),
        "exporting makes no run folder");

    CliRun again = new CliRun();
    assertEquals(
        2,
        again.run(
            "export-nir",
            experiment().toString(),
            "--job",
            "1",
            "--results-dir",
            dir.resolve("results").toString(),
            "--out",
            out.toString()));
    assertTrue(again.err().contains("already exists"), again.err());
  }

  @Test
  void severalJobsNeedJobAndBadNamesAreRefused() throws IOException {
    Path out = dir.resolve("net.nir");
    CliRun cli = new CliRun();
    assertEquals(2, cli.run("export-nir", experiment().toString(), "--out", out.toString()));
    assertTrue(cli.err().contains("has 2 jobs [0, 1]; choose one with --job N"), cli.err());
    assertFalse(cli.err().contains("Exception"), cli.err());

    CliRun missing = new CliRun();
    assertEquals(
        2,
        missing.run("export-nir", experiment().toString(), "--job", "7", "--out", out.toString()));
    assertTrue(missing.err().contains("no job 7"), missing.err());

    CliRun name = new CliRun();
    assertEquals(
        2,
        name.run(
            "export-nir",
            experiment().toString(),
            "--job",
            "0",
            "--out",
            dir.resolve("net.h5").toString()));
    assertTrue(name.err().contains("must end with .nir"), name.err());
    assertFalse(Files.exists(out));
  }
}
