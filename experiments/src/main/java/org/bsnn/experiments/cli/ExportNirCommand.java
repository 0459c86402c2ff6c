package org.bsnn.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.api.snn.SpikingNetworkFormat;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bsnn export-nir FILE [OVERRIDE...] --out NET.nir}: runs one job of an experiment up to its
 * converted spiking network (dataset, training with the trained-network cache, normalization,
 * conversion, design-time optimizers; no simulation) and writes that network as NIR with the {@link
 * SpikingNetworkFormat} found on the plugin path (written aside and renamed into place, so a
 * refused network writes nothing).
 */
@Command(
    name = "export-nir",
    mixinStandardHelpOptions = true,
    description = {
      "Write the converted spiking network of an experiment's job as a NIR file (HDF5).",
      "Runs the job's stages up to conversion and the design-time optimizers (trained networks"
          + " come from the cache), without simulating; overrides as for `bsnn run`."
    })
public final class ExportNirCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "Experiment YAML, e.g. experiments/smoke/pipeline.yaml.")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "OVERRIDE",
      description = "Overrides such as normalize.percentile=99.9.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "NET.nir",
      description = "The NIR file to write; must not exist unless --force.")
  Path out;

  @Option(
      names = "--job",
      paramLabel = "N",
      description =
          "The job to export (0-based, as `bsnn run FILE --dry-run` lists them);"
              + " needed when the experiment has several.")
  Integer job;

  @Option(names = "--force", description = "Replace an existing file.")
  boolean force;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      description = "Results folder whose cache holds trained networks (default: results/).")
  Path resultsDir;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    SpikingNetworkFormat nir =
        SpikingNetworkFormat.discover(BsnnCli.of(spec).pluginLoader()).stream()
            .filter(f -> f.format().equals("nir"))
            .findFirst()
            .orElseThrow(
                () ->
                    new UserFacingException(
                        "no plugin writes NIR files; the interop module (bsnn-interop) must be on"
                            + " the class path or the plugin path"));
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (nir.extensions().stream().noneMatch(name::endsWith)) {
      throw new UserFacingException(
          out + ": a NIR file's name must end with " + String.join(" or ", nir.extensions()));
    }
    if (Files.exists(out) && !force) {
      throw new UserFacingException(
          out + " already exists; choose another --out file, or add --force to replace it");
    }
    ConsoleLog log = new ConsoleLog(System.err, Clock.systemUTC());
    ExperimentRunner runner = BsnnCli.of(spec).runner(resultsDir, Optional.empty(), log);
    ExperimentRunner.Plan plan = runner.plan(file, overrides, List.of());
    SpikingNetwork snn = runner.convertJob(plan, Optional.ofNullable(job));
    nir.write(snn, out);
    spec.commandLine()
        .getOut()
        .println(
            "exported '"
                + snn.name()
                + "' ("
                + snn.nodes().size()
                + " spiking nodes, "
                + snn.propagation().name().toLowerCase(Locale.ROOT)
                + ", readout "
                + snn.readout().name().toLowerCase(Locale.ROOT)
                + ") to "
                + out.toAbsolutePath().normalize());
    return 0;
  }
}
