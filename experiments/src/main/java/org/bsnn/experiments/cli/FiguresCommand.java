package org.bsnn.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.runner.RunFolders;
import org.bsnn.figures.FigureCatalog;
import org.bsnn.figures.ResultsInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bsnn figures RUN_OR_CSV... [--out DIR]}: draws every figure of the catalogue whose data is
 * in the given results (PNG at 300 dpi and SVG, byte-identical for the same CSV) and prints the
 * files written. Exit code 0, or 2 for bad input: a missing path, an unreadable CSV, the same rows
 * in two inputs, results with none of the metrics any figure needs, or several runs without {@code
 * --out}.
 */
@Command(
    name = "figures",
    mixinStandardHelpOptions = true,
    versionProvider = DiffCommand.Version.class,
    description = {
      "Draws the figures (accuracy vs timestep, parameter sweeps, early exit, spikes per layer, energy per "
          + "inference, confusion matrices) whose data the results hold, as PNG (300 dpi) and SVG.",
      "Reads results.csv files only; the same CSV gives byte-identical files.",
      "Exit code: 0, or 2 for bad input."
    })
public final class FiguresCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "RUN_OR_CSV",
      description =
          "Run directories or results.csv files; several runs of one experiment with different seeds "
              + "are averaged (mean ± std).")
  private List<Path> inputs = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output folder (default: <run dir>/figures/ for a single run; required for several). "
              + "The committed figures of the quick reproduction live in paper-figures/quick/.")
  private Path out;

  @Override
  public Integer call() {
    System.setProperty("java.awt.headless", "true");
    inputs.forEach(p -> RunFolders.requireResults(p, "bsnn figures"));
    ResultsInput in = ResultsInput.load(inputs);
    Path dir = outputDir(out, in, "figures");
    FigureCatalog catalog = new FigureCatalog();
    List<Path> files = catalog.renderRows(in.rows(), dir);
    if (files.isEmpty()) {
      throw new UserFacingException(
          String.join(", ", in.csvFiles().stream().map(Path::toString).toList())
              + " holds none of the metrics a figure needs; each figure needs:\n"
              + catalog.needs()
              + "Add the metrics to the experiment's evaluate: list and rerun it.");
    }
    PrintWriter w = spec.commandLine().getOut();
    for (Path f : files) {
      w.println(f);
    }
    w.println(
        files.size() / 2
            + " figure"
            + (files.size() == 2 ? "" : "s")
            + " (PNG 300 dpi + SVG) in "
            + dir);
    w.flush();
    return 0;
  }

  /** {@code --out}, else {@code <run dir>/<name>} for inputs from a single run directory. */
  static Path outputDir(Path out, ResultsInput in, String name) {
    if (out != null) {
      return out;
    }
    return in.singleRunDir()
        .map(d -> d.resolve(name))
        .orElseThrow(
            () ->
                new UserFacingException(
                    "the inputs come from "
                        + in.csvFiles().size()
                        + " folders; choose where the output goes with --out DIR"));
  }
}
