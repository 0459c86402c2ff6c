package org.bsnn.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.api.util.WorkbenchVersion;
import org.bsnn.experiments.diff.DiffOptions;
import org.bsnn.experiments.diff.DiffReport;
import org.bsnn.experiments.diff.ProvenanceDiff;
import org.bsnn.experiments.diff.ResultsDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bsnn diff A B}: compares two runs' {@code results.csv} row by row and prints only the rows
 * that differ, then a one-line summary. Exit codes: 0 when the results agree, 1 when any row
 * differs or exists on one side only, 2 for bad input (a {@link UserFacingException}, which the
 * top-level command maps to 2, or a picocli usage error).
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = DiffCommand.Version.class,
    description = {
      "Compares the results of two runs and shows only the rows that differ.",
      "Rows are joined on experiment, variant, seed, stage, metric and timestep; a value differs "
          + "when |a - b| > atol + rtol * |b| (NaN equals NaN) or its unit changed.",
      "Exit code: 0 when no row differs, 1 when one does, 2 for bad input."
    })
public final class DiffCommand implements Callable<Integer> {

  /** Exit code when the results agree. */
  public static final int SAME = 0;

  /** Exit code when at least one row differs (or, with --strict-provenance, the provenance). */
  public static final int DIFFERENT = 1;

  private static final String RESULTS = "results.csv";
  private static final String PROVENANCE = "provenance.json";

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "A",
      description = "The first run: a results.csv file or a run directory containing one.")
  private Path a;

  @Parameters(
      index = "1",
      paramLabel = "B",
      description = "The second run: a results.csv file or a run directory containing one.")
  private Path b;

  @Option(
      names = "--atol",
      defaultValue = "0",
      paramLabel = "X",
      description = "Absolute tolerance (default: ${DEFAULT-VALUE}).")
  private double atol;

  @Option(
      names = "--rtol",
      defaultValue = "0",
      paramLabel = "X",
      description = "Tolerance relative to the value in B (default: ${DEFAULT-VALUE}).")
  private double rtol;

  @Option(
      names = "--provenance",
      description =
          "Also show the provenance.json paths (config, versions, checksums) that differ. "
              + "Needs run directories, or provenance.json next to the CSV files.")
  private boolean provenance;

  @Option(
      names = "--strict-provenance",
      description = "Like --provenance, and provenance differences make the exit code 1.")
  private boolean strictProvenance;

  @Option(names = "--all", description = "Also print, per stage, how many rows are identical.")
  private boolean all;

  @Option(
      names = "--compare-identity",
      description =
          "Also count changed run_id, config_hash, workbench_version and param: columns "
              + "as differences.")
  private boolean compareIdentity;

  @Override
  public Integer call() {
    DiffOptions options =
        CliOptions.build(spec, () -> new DiffOptions(atol, rtol, compareIdentity));
    Input inA = Input.resolve(a, "A");
    Input inB = Input.resolve(b, "B");
    List<ResultRow> rowsA = ResultsCsv.read(inA.csv());
    List<ResultRow> rowsB = ResultsCsv.read(inB.csv());
    ResultsDiff.requireUniqueKeys(rowsA, inA.csv().toString());
    ResultsDiff.requireUniqueKeys(rowsB, inB.csv().toString());
    boolean showProvenance = provenance || strictProvenance;
    List<ProvenanceDiff.PathDifference> provenanceDiffs = List.of();
    if (showProvenance) {
      inA.requireProvenance("A");
      inB.requireProvenance("B");
      provenanceDiffs = ProvenanceDiff.compare(inA.provenance(), inB.provenance());
    }

    DiffReport report = ResultsDiff.compare(rowsA, rowsB, options);
    List<String> sections = new ArrayList<>();
    TextTable rows = rowTable(report);
    if (!rows.isEmpty()) {
      sections.add(rows.render());
    }
    if (all) {
      sections.add(stageTable(report.stages()).render());
    }
    if (showProvenance) {
      sections.add(provenanceText(provenanceDiffs));
    }
    sections.add(report.summary() + "\n");
    PrintWriter out = spec.commandLine().getOut();
    out.print(String.join("\n", sections));
    out.flush();
    boolean different = report.hasDifferences() || (strictProvenance && !provenanceDiffs.isEmpty());
    return different ? DIFFERENT : SAME;
  }

  /** Prints the workbench version for {@code --version}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"bsnn " + WorkbenchVersion.get()};
    }
  }

  /** A side of the comparison: its results file and where its provenance would be. */
  private record Input(Path csv, Path provenance) {
    static Input resolve(Path given, String label) {
      if (!Files.exists(given)) {
        throw new UserFacingException(
            label
                + ": "
                + given
                + " does not exist; give a results.csv file "
                + "or a run directory (results/runs/<experiment>/<time>_<commit>/)");
      }
      Path csv = Files.isDirectory(given) ? given.resolve(RESULTS) : given;
      if (!Files.isRegularFile(csv)) {
        throw new UserFacingException(
            label
                + ": "
                + given
                + " has no "
                + RESULTS
                + "; did the run finish? Give a run directory or a results.csv file");
      }
      Path dir = csv.toAbsolutePath().getParent();
      return new Input(csv, dir.resolve(PROVENANCE));
    }

    void requireProvenance(String label) {
      if (!Files.isRegularFile(provenance)) {
        throw new UserFacingException(
            label
                + ": --provenance needs "
                + PROVENANCE
                + " next to "
                + csv
                + ", but "
                + provenance
                + " does not exist; give run directories, or leave out --provenance");
      }
    }
  }

  private static TextTable rowTable(DiffReport report) {
    TextTable t =
        new TextTable(
            List.of(
                "experiment",
                "variant",
                "seed",
                "stage",
                "metric",
                "timestep",
                "A",
                "B",
                "|A-B|",
                "note"),
            TextTable.Align.LEFT,
            TextTable.Align.LEFT,
            TextTable.Align.RIGHT,
            TextTable.Align.LEFT,
            TextTable.Align.LEFT,
            TextTable.Align.RIGHT,
            TextTable.Align.RIGHT,
            TextTable.Align.RIGHT,
            TextTable.Align.RIGHT,
            TextTable.Align.LEFT);
    List<Line> lines = new ArrayList<>();
    for (DiffReport.RowDifference d : report.differing()) {
      lines.add(
          new Line(
              d.a(),
              cells(d.a(), num(d.a().value()), num(d.b().value()), num(d.absDiff()), note(d))));
    }
    for (ResultRow r : report.onlyInA()) {
      lines.add(new Line(r, cells(r, num(r.value()), "-", "", "only in A")));
    }
    for (ResultRow r : report.onlyInB()) {
      lines.add(new Line(r, cells(r, "-", num(r.value()), "", "only in B")));
    }
    lines.sort(Comparator.comparing(Line::row, ResultRow.ORDER));
    for (Line l : lines) {
      t.add(l.cells());
    }
    return t;
  }

  /** A table line with the row it is sorted by. */
  private record Line(ResultRow row, List<String> cells) {}

  private static List<String> cells(ResultRow r, String va, String vb, String diff, String note) {
    return List.of(
        r.experiment(),
        r.variant(),
        Long.toString(r.seed()),
        r.stage(),
        r.metric(),
        r.timestep().isPresent() ? Integer.toString(r.timestep().getAsInt()) : "",
        va,
        vb,
        diff,
        note);
  }

  private static String note(DiffReport.RowDifference d) {
    List<String> notes = new ArrayList<>();
    for (String c : d.changes()) {
      if (c.equals("unit")) {
        notes.add("unit " + quote(d.a().unit()) + " -> " + quote(d.b().unit()));
      } else if (!c.equals("value")) {
        notes.add(c + " changed");
      }
    }
    return String.join("; ", notes);
  }

  private static String quote(String unit) {
    return unit.isEmpty() ? "(none)" : unit;
  }

  private static String num(double v) {
    return Double.toString(v);
  }

  private static TextTable stageTable(Map<String, DiffReport.StageCounts> stages) {
    TextTable t =
        new TextTable(
            List.of("stage", "compared", "identical", "differ", "only in A", "only in B"),
            TextTable.Align.LEFT,
            TextTable.Align.RIGHT,
            TextTable.Align.RIGHT,
            TextTable.Align.RIGHT,
            TextTable.Align.RIGHT,
            TextTable.Align.RIGHT);
    stages.forEach(
        (stage, c) ->
            t.add(
                List.of(
                    stage,
                    Integer.toString(c.compared()),
                    Integer.toString(c.identical()),
                    Integer.toString(c.differing()),
                    Integer.toString(c.onlyInA()),
                    Integer.toString(c.onlyInB()))));
    return t;
  }

  private static String provenanceText(List<ProvenanceDiff.PathDifference> diffs) {
    String ignored =
        String.join(", ", ProvenanceDiff.IGNORED_BY_DEFAULT.stream().sorted().toList());
    String head =
        String.format(
            Locale.ROOT, "provenance: %d paths differ (ignoring %s)\n", diffs.size(), ignored);
    if (diffs.isEmpty()) {
      return head;
    }
    TextTable t =
        new TextTable(
            List.of("path", "A", "B"),
            TextTable.Align.LEFT,
            TextTable.Align.LEFT,
            TextTable.Align.LEFT);
    for (ProvenanceDiff.PathDifference d : diffs) {
      t.add(List.of(d.path(), d.a().orElse("-"), d.b().orElse("-")));
    }
    return head + t.render();
  }
}
