package org.bsnn.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bsnn.experiments.runner.RunFolders;
import org.bsnn.figures.FigureCatalog;
import org.bsnn.figures.Report;
import org.bsnn.figures.ReportWriter;
import org.bsnn.figures.ResultsInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bsnn report RUN... [--out DIR]}: writes the reproduction report (report.md and
 * report.html, figures in figures/) for the given runs: the paper's table layout with mean ± std
 * over seeds, our numbers beside the paper's, claim checks, early exit, figures and provenance.
 * Exit code 0, or 2 for bad input (a missing path, an unreadable CSV or provenance.json, results
 * without accuracy metrics, several runs without {@code --out}).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = DiffCommand.Version.class,
    description = {
      "Writes the reproduction report (Markdown and HTML, with figures) of one or more runs: the paper's table "
          + "(FP vs binary, ANN vs SNN, timesteps; mean ± std over seeds), the paper's known numbers beside ours, "
          + "which claims hold at this scale, and the runs' provenance.",
      "Exit code: 0, or 2 for bad input."
    })
public final class ReportCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "RUN",
      description =
          "Run directories (results/runs/<experiment>/<time>_<commit>/), or results.csv files "
              + "(then without provenance).")
  private List<Path> runs = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output folder (default: <run dir>/report/ for a single run; required for several).")
  private Path out;

  @Option(
      names = "--tolerance",
      paramLabel = "PT",
      defaultValue = "1.0",
      description =
          "Percentage points that still count as \"near\" in the claim checks (default: ${DEFAULT-VALUE}).")
  private double tolerance;

  @Option(
      names = "--latency-budget",
      paramLabel = "T",
      defaultValue = "200",
      description =
          "Timesteps that count as an order of magnitude below prior work's 2,000 (default: ${DEFAULT-VALUE}).")
  private int latencyBudget;

  @Override
  public Integer call() {
    System.setProperty("java.awt.headless", "true");
    ReportWriter.Options options =
        CliOptions.build(spec, () -> new ReportWriter.Options(tolerance, latencyBudget));
    runs.forEach(p -> RunFolders.requireResults(p, "bsnn report"));
    ResultsInput in = ResultsInput.load(runs);
    Path dir = FiguresCommand.outputDir(out, in, "report");
    Report report = new ReportWriter(options, new FigureCatalog()).write(in, dir);
    PrintWriter w = spec.commandLine().getOut();
    w.println(report.markdown());
    w.println(report.html());
    w.println(
        report.figures().size() / 2
            + " figure"
            + (report.figures().size() == 2 ? "" : "s")
            + " in "
            + dir.resolve(ReportWriter.FIGURES));
    w.flush();
    return 0;
  }
}
