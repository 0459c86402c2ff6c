package org.bsnn.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.AtomicFiles;
import org.bsnn.api.util.NaturalOrder;
import org.bsnn.api.util.UserFacingException;

/**
 * Writes the reproduction report: one Markdown page ({@code report.md}) and its HTML rendering
 * ({@code report.html}) for the given runs, with the figures in {@code figures/} beside them.
 *
 * <p>The page opens with a summary: one verdict per claim of the paper over all the experiments
 * given, from the best evidence ({@link ReportSummary}). Per experiment the page then has: the
 * results in the paper's table layout (dataset, network, FP and binary ANN, FP and binary SNN
 * accuracy, timesteps to within 0.5 and 1 pt of the ANN; mean ± sample std over seeds); our numbers
 * beside the paper's known ones ({@link PaperNumbers}) with the difference where dataset and
 * network match (CIFAR-100 or ImageNet with vgg15ab), else the paper's numbers for reference; one
 * line per claim of the paper that the results can test, saying whether it holds at this scale
 * (claims 1-4 on variants without early exit, {@link ClaimChecks}; claim 5 per precision against
 * the fixed-T run of the same networks among the inputs, {@link EarlyExitSavings}); for a width
 * study ({@link WidthStudy}), the binary gap at each width and claims 1 and 2 against width;
 * early-exit latency with the fixed-T timesteps to the same accuracy and the saving; the figures;
 * and a provenance summary of each run directory (commit and dirty flag, experiment file SHA-256,
 * dataset checksums, plugin versions, seeds and sweep). Numbers come only from the results files;
 * the page is a pure function of the inputs, so the same runs give the same bytes.
 */
public final class ReportWriter {

  /** The Markdown page's file name. */
  public static final String MARKDOWN = "report.md";

  /** The HTML page's file name. */
  public static final String HTML = "report.html";

  /** The folder, beside the pages, that holds the figures. */
  public static final String FIGURES = "figures";

  /**
   * Thresholds of the claim checks.
   *
   * @param tolerancePoints how many percentage points count as "near" (claims 1-3)
   * @param latencyBudget the most timesteps that count as an order of magnitude below the 2,000 of
   *     prior conversion work (claim 4)
   */
  public record Options(double tolerancePoints, int latencyBudget) {
    /** 1 percentage point, 200 timesteps. */
    public static final Options DEFAULTS = new Options(1.0, 200);

    /** Validates. */
    public Options {
      if (!(tolerancePoints >= 0) || latencyBudget < 1) {
        throw new IllegalArgumentException("tolerance must be >= 0 and the latency budget >= 1");
      }
    }
  }

  private final Options options;
  private final FigureCatalog catalog;

  /** A writer with the default options and every figure. */
  public ReportWriter() {
    this(Options.DEFAULTS, new FigureCatalog());
  }

  /** A writer with the given options and figures. */
  public ReportWriter(Options options, FigureCatalog catalog) {
    this.options = options;
    this.catalog = catalog;
  }

  /**
   * Reads the runs (run directories or results.csv files) and writes the report into {@code
   * outDir}.
   *
   * @throws UserFacingException for unreadable inputs, or results without any accuracy metric
   */
  public Report write(List<Path> inputs, Path outDir) {
    return write(ResultsInput.load(inputs), outDir);
  }

  /**
   * Writes the report of results already read into {@code outDir}; provenance is read from the
   * folder of each results file.
   *
   * @throws UserFacingException for an unreadable provenance.json, or results without any accuracy
   *     metric
   */
  public Report write(ResultsInput in, Path outDir) {
    List<RunProvenance> provenance = new ArrayList<>();
    List<Path> withoutProvenance = new ArrayList<>();
    for (Path csv : in.csvFiles()) {
      Path dir = csv.toAbsolutePath().normalize().getParent();
      Optional<RunProvenance> p = RunProvenance.read(dir);
      if (p.isPresent()) {
        provenance.add(p.get());
      } else {
        withoutProvenance.add(csv);
      }
    }
    return write(in.rows(), in.csvFiles(), provenance, withoutProvenance, outDir);
  }

  private Report write(
      List<ResultRow> rows,
      List<Path> csvFiles,
      List<RunProvenance> provenance,
      List<Path> withoutProvenance,
      Path outDir) {
    List<ExperimentResults> experiments = ExperimentResults.split(rows);
    List<String> lacking = new ArrayList<>();
    for (ExperimentResults e : experiments) {
      if (!e.has("ann-accuracy") && !e.has("snn-final-accuracy")) {
        lacking.add(e.experiment());
      }
    }
    if (experiments.isEmpty() || !lacking.isEmpty()) {
      throw new UserFacingException(
          (experiments.isEmpty()
                  ? String.join(", ", csvFiles.stream().map(Path::toString).toList())
                      + " holds no rows"
                  : "experiment "
                      + String.join(", ", lacking)
                      + " has neither ann-accuracy nor snn-final-accuracy")
              + "; the report's tables need them: run the experiment with evaluate: [ann-accuracy, accuracy-vs-timestep]");
    }
    List<RenderedFigure> figures = catalog.renderFigures(rows, outDir.resolve(FIGURES));
    ReportDocument doc =
        document(experiments, csvFiles, provenance, withoutProvenance, figures, outDir);
    Path md = outDir.resolve(MARKDOWN);
    Path html = outDir.resolve(HTML);
    AtomicFiles.writeString(md, doc.markdown());
    AtomicFiles.writeString(html, doc.html());
    FigureFiles.makeReadable(md);
    FigureFiles.makeReadable(html);
    List<Path> figureFiles = new ArrayList<>();
    figures.forEach(f -> figureFiles.addAll(f.files()));
    return new Report(md, html, figureFiles);
  }

  private ReportDocument document(
      List<ExperimentResults> experiments,
      List<Path> csvFiles,
      List<RunProvenance> provenance,
      List<Path> withoutProvenance,
      List<RenderedFigure> figures,
      Path outDir) {
    String names =
        String.join(", ", experiments.stream().map(ExperimentResults::experiment).toList());
    ReportDocument doc = new ReportDocument("Reproduction report: " + names);
    ExitReferences references = new ExitReferences(experiments, provenance);
    ReportSummary summary = new ReportSummary(options.tolerancePoints(), options.latencyBudget());
    // The experiments are rendered first, into a body of their own, because the summary that
    // precedes them is collected from their claim checks.
    ReportDocument body = new ReportDocument("");
    for (ExperimentResults e : experiments) {
      List<RunProvenance> runs =
          provenance.stream()
              .filter(p -> p.experiment().isEmpty() || p.experiment().equals(e.experiment()))
              .toList();
      experimentSection(
          body,
          e,
          runs,
          figures.stream().filter(f -> f.experiment().equals(e.experiment())).toList(),
          outDir,
          references,
          summary);
    }
    doc.add(
        new ReportDocument.Paragraph(
            "Reproduction of "
                + PaperNumbers.CITATION
                + ". Generated by `bsnn report` "
                + "from "
                + plural(csvFiles.size(), "results file")
                + "; every number below is read from them. Accuracies "
                + "are top-1 on the test set in percent, as mean ± sample standard deviation over seeds (the mean alone "
                + "for one seed); \"pt\" means percentage points. Claims are checked with a tolerance of "
                + fmt(options.tolerancePoints(), 1)
                + " pt and a latency budget of "
                + options.latencyBudget()
                + " timesteps."));
    doc.add(new ReportDocument.Heading(1, "Summary"));
    doc.add(
        new ReportDocument.Paragraph(
            "What holds at this scale: one verdict per claim of the paper, from the "
                + "best evidence among the experiments below (closest to the paper's settings, then most seeds); the claim "
                + "checks of each experiment give the rest."));
    doc.add(new ReportDocument.Bullets(summary.lines()));
    body.blocks().forEach(doc::add);
    doc.add(new ReportDocument.Heading(1, "Provenance"));
    for (RunProvenance p : provenance) {
      provenanceSection(doc, p);
    }
    for (Path csv : withoutProvenance) {
      doc.add(
          new ReportDocument.Paragraph(
              "`"
                  + csv
                  + "`: no "
                  + RunProvenance.PROVENANCE
                  + " beside it, so its "
                  + "code version, configuration and data checksums are unknown. Report on run directories to include them."));
    }
    return doc;
  }

  // ---------------------------------------------------------------------------------------------
  // One experiment

  /**
   * A row of the paper-layout table: the FP and binary variants of one setting of the other
   * parameters, with the recorded jobs of each (empty without provenance).
   */
  private record TableRow(
      String label,
      Optional<Variant> fp,
      Optional<Variant> binary,
      String dataset,
      String network,
      List<RunProvenance.Job> jobs) {}

  private void experimentSection(
      ReportDocument doc,
      ExperimentResults e,
      List<RunProvenance> runs,
      List<RenderedFigure> figures,
      Path outDir,
      ExitReferences references,
      ReportSummary summary) {
    doc.add(new ReportDocument.Heading(1, "Experiment `" + e.experiment() + "`"));
    runs.stream()
        .map(RunProvenance::description)
        .filter(d -> !d.isEmpty())
        .distinct()
        .forEach(d -> doc.add(new ReportDocument.Paragraph(d)));
    SortedSet<Long> seeds = e.seeds();
    List<String> notes = new ArrayList<>();
    List<TableRow> rows = tableRows(e, runs, notes);
    int last = lastTimestep(e);
    String atT = last > 0 ? " at T=" + last : "";
    List<Double> gaps = gaps(e);
    String gapText = String.join(" / ", gaps.stream().map(g -> fmt(g, 1)).toList());

    doc.add(new ReportDocument.Heading(2, "Results in the paper's layout"));
    doc.add(
        new ReportDocument.Paragraph(
            plural(seeds.size(), "seed")
                + " ("
                + String.join(", ", seeds.stream().map(String::valueOf).toList())
                + "). SNN accuracy"
                + atT
                + ", the last simulated timestep"
                + (e.has("exit-accuracy")
                    ? " (with early exit: the accuracy of the exit decisions)"
                    : "")
                + (gaps.isEmpty()
                    ? "."
                    : "; timesteps: the first timestep at which the SNN is within "
                        + gapText
                        + " pt of its own ANN.")));
    List<String> header =
        new ArrayList<>(
            List.of(
                "dataset",
                "network",
                "setting",
                "seeds",
                "FP ANN (%)",
                "binary ANN (%)",
                "FP SNN (%)",
                "binary SNN (%)"));
    List<Boolean> right =
        new ArrayList<>(List.of(false, false, false, true, true, true, true, true));
    if (!gaps.isEmpty()) {
      header.add("FP SNN timesteps to within " + gapText + " pt");
      header.add("binary SNN timesteps to within " + gapText + " pt");
      right.add(true);
      right.add(true);
    }
    List<List<String>> cells = new ArrayList<>();
    for (TableRow r : rows) {
      List<String> c =
          new ArrayList<>(
              List.of(
                  r.dataset(),
                  r.network(),
                  r.label().isEmpty() ? "-" : r.label(),
                  String.valueOf(seedCount(e, r)),
                  accuracy(e, r.fp(), "ann-accuracy"),
                  accuracy(e, r.binary(), "ann-accuracy"),
                  accuracy(e, r.fp(), "snn-final-accuracy"),
                  accuracy(e, r.binary(), "snn-final-accuracy")));
      if (!gaps.isEmpty()) {
        c.add(timesteps(e, r.fp(), gaps, last));
        c.add(timesteps(e, r.binary(), gaps, last));
      }
      cells.add(c);
    }
    doc.add(new ReportDocument.Table(header, right, cells));
    if (!notes.isEmpty()) {
      doc.add(new ReportDocument.Bullets(notes));
    }

    comparisonSection(doc, e, rows, last);
    latencySection(doc, e, rows, gaps, last);
    Optional<WidthStudy> widths = WidthStudy.of(e);
    widths.ifPresent(w -> widthSection(doc, e, w));
    EarlyExitSavings savings = new EarlyExitSavings(e, references, options.tolerancePoints());
    claimSection(doc, e, rows, gaps, last, savings, summary, widths);
    earlyExitSection(doc, e, savings);

    if (!figures.isEmpty()) {
      doc.add(new ReportDocument.Heading(2, "Figures"));
      for (RenderedFigure f : figures) {
        String png = relative(outDir, f.png());
        String svg = relative(outDir, f.vector());
        doc.add(
            new ReportDocument.Image(
                f.figureId(), png, f.caption() + " Vector version: [" + svg + "](" + svg + ")."));
      }
    }
  }

  /** Groups variants into table rows by their parameters other than binarize. */
  private static List<TableRow> tableRows(
      ExperimentResults e, List<RunProvenance> runs, List<String> notes) {
    Map<String, List<Variant>> groups =
        ExperimentResults.group(e.variants(), v -> e.paramsLabel(v, List.of()));
    List<TableRow> out = new ArrayList<>();
    boolean assumedFp = false;
    for (Map.Entry<String, List<Variant>> g : groups.entrySet()) {
      List<Variant> fps = new ArrayList<>();
      List<Variant> bins = new ArrayList<>();
      for (Variant v : g.getValue()) {
        Variant.Precision p = precision(e, v, runs);
        if (p == Variant.Precision.UNSPECIFIED) {
          assumedFp = true;
          p = Variant.Precision.FULL;
        }
        (p == Variant.Precision.FULL ? fps : bins).add(v);
      }
      int n = Math.max(Math.max(fps.size(), bins.size()), 1);
      for (int i = 0; i < n; i++) {
        Optional<Variant> fp =
            i < fps.size()
                ? Optional.of(fps.get(i))
                : fps.isEmpty() ? Optional.empty() : Optional.of(fps.get(0));
        Optional<Variant> bin = i < bins.size() ? Optional.of(bins.get(i)) : Optional.empty();
        String label = g.getKey();
        if (bins.size() > 1 && bin.isPresent()) {
          label =
              (label.isEmpty() ? "" : label + ", ")
                  + "binarize "
                  + bin.get().params().getOrDefault(Variant.BINARIZE, "?");
        }
        Variant any = fp.orElseGet(() -> bin.get());
        Optional<RunProvenance.Job> job = job(e, any, runs);
        List<RunProvenance.Job> jobs = new ArrayList<>();
        fp.flatMap(v -> job(e, v, runs)).ifPresent(jobs::add);
        bin.flatMap(v -> job(e, v, runs)).ifPresent(jobs::add);
        out.add(
            new TableRow(
                label,
                fp,
                bin,
                job.map(RunProvenance.Job::dataset).filter(s -> !s.isEmpty()).orElse("?"),
                job.map(RunProvenance.Job::model).filter(s -> !s.isEmpty()).orElse("?"),
                jobs));
      }
    }
    List<String> precisionKeys = e.precisionKeys();
    if (!precisionKeys.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (String k : precisionKeys) {
        SortedSet<String> fpValues = new TreeSet<>();
        SortedSet<String> binValues = new TreeSet<>();
        for (Variant v : e.variants()) {
          (v.precision() == Variant.Precision.FULL ? fpValues : binValues)
              .add(v.params().getOrDefault(k, "-"));
        }
        parts.add(
            "`"
                + k
                + "` (FP: "
                + String.join(", ", fpValues)
                + "; binary: "
                + String.join(", ", binValues)
                + ")");
      }
      notes.add(
          "Full precision and binary also differ in "
              + String.join(", ", parts)
              + ": each precision has its own setting (a linked sweep axis, e.g. the paper's two training recipes), "
              + "so they share a row.");
    }
    if (assumedFp) {
      notes.add(
          "Variants without a `param:binarize` column or a recorded binarize stage are counted as full precision.");
    }
    if (out.stream().anyMatch(r -> r.dataset().equals("?"))) {
      notes.add(
          "Dataset and network \"?\": no provenance.json records them (a results.csv was given without its run directory).");
    }
    return out;
  }

  /** Precision from param:binarize, else from the job's recorded binarize stage. */
  private static Variant.Precision precision(
      ExperimentResults e, Variant v, List<RunProvenance> runs) {
    if (v.precision() != Variant.Precision.UNSPECIFIED) {
      return v.precision();
    }
    Optional<RunProvenance.Job> job = job(e, v, runs);
    if (job.isEmpty()) {
      return Variant.Precision.UNSPECIFIED;
    }
    return job.get().binarizer().isEmpty() ? Variant.Precision.FULL : Variant.Precision.BINARY;
  }

  private static Optional<RunProvenance.Job> job(
      ExperimentResults e, Variant v, List<RunProvenance> runs) {
    for (long seed : e.seeds(v)) {
      for (RunProvenance p : runs) {
        Optional<RunProvenance.Job> j = p.job(v.name(), seed);
        if (j.isPresent()) {
          return j;
        }
      }
    }
    return Optional.empty();
  }

  private static int seedCount(ExperimentResults e, TableRow r) {
    SortedSet<Long> s = new TreeSet<>();
    r.fp().ifPresent(v -> s.addAll(e.seeds(v)));
    r.binary().ifPresent(v -> s.addAll(e.seeds(v)));
    return s.size();
  }

  private static int lastTimestep(ExperimentResults e) {
    int last = 0;
    for (Variant v : e.variantsWith("snn-accuracy")) {
      last = Math.max(last, e.series(v, "snn-accuracy").map(SeriesStats::lastTimestep).orElse(0));
    }
    return last;
  }

  /** The gaps x of the timesteps-to-within[x pt] metrics present, ascending. */
  private static List<Double> gaps(ExperimentResults e) {
    SortedSet<Double> out = new TreeSet<>();
    for (Variant v : e.variants()) {
      for (String m :
          e.metrics(v, n -> n.is("timesteps-to-within", 1) && n.arg(0).endsWith(" pt"))) {
        String x = MetricName.parse(m).get().arg(0).replace(" pt", "");
        Double d = NaturalOrder.number(x);
        if (d != null) {
          out.add(d);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static String withinMetric(double gap) {
    return ClaimChecks.withinMetric(gap);
  }

  private static Optional<MeanStd> stat(ExperimentResults e, Optional<Variant> v, String metric) {
    return ClaimChecks.stat(e, v, metric);
  }

  private static String accuracy(ExperimentResults e, Optional<Variant> v, String metric) {
    Optional<MeanStd> m = stat(e, v, metric);
    return m.isEmpty() ? "-" : m.get().scaled(100).format(2);
  }

  private static String timesteps(
      ExperimentResults e, Optional<Variant> v, List<Double> gaps, int last) {
    if (v.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    for (double g : gaps) {
      parts.add(timestepText(e.scalar(v.get(), withinMetric(g)), last));
    }
    return String.join(" / ", parts);
  }

  private static String timestepText(Optional<MeanStd> m, int last) {
    if (m.isEmpty()) {
      return "-";
    }
    MeanStd s = m.get();
    String never = last > 0 ? "not within T=" + last : "never";
    if (s.isEmpty()) {
      return never;
    }
    String value = s.n() > 1 ? s.format(1) : fmt(s.mean(), 0);
    return s.missing() > 0
        ? value + " (" + s.missing() + " of " + (s.n() + s.missing()) + " seeds " + never + ")"
        : value;
  }

  // ---------------------------------------------------------------------------------------------
  // The paper

  private void comparisonSection(
      ReportDocument doc, ExperimentResults e, List<TableRow> rows, int last) {
    doc.add(new ReportDocument.Heading(2, "Beside the paper"));
    boolean any = false;
    for (TableRow r : rows) {
      Optional<PaperNumbers.Row> paper = PaperNumbers.match(r.dataset(), r.network());
      if (paper.isEmpty()) {
        continue;
      }
      any = true;
      PaperNumbers.Row p = paper.get();
      int at = p.fpSnnTimesteps().orElse(0);
      Optional<MeanStd> fpSnnAt = fpSnnAt(e, r.fp(), at);
      String fpSnnHeader = at > 0 ? "FP SNN at T=" + at + " (%)" : "FP SNN (%)";
      List<List<String>> cells = new ArrayList<>();
      Optional<MeanStd> fpAnn = stat(e, r.fp(), "ann-accuracy");
      Optional<MeanStd> binAnn = stat(e, r.binary(), "ann-accuracy");
      Optional<MeanStd> binSnn = stat(e, r.binary(), "snn-final-accuracy");
      cells.add(
          List.of(
              "ours" + (r.label().isEmpty() ? "" : " (" + r.label() + ")"),
              pct(fpAnn),
              pct(binAnn),
              pct(fpSnnAt),
              pct(binSnn) + (last > 0 ? " (T=" + last + ")" : "")));
      cells.add(
          List.of(
              "paper",
              fmt(p.fpAnn(), 2),
              fmt(p.binaryAnn(), 2),
              p.fpSnn().isPresent() ? fmt(p.fpSnn().getAsDouble(), 2) : "n/a",
              "n/a"));
      cells.add(
          List.of(
              "ours − paper (pt)",
              diff(fpAnn, p.fpAnn()),
              diff(binAnn, p.binaryAnn()),
              p.fpSnn().isPresent() ? diff(fpSnnAt, p.fpSnn().getAsDouble()) : "n/a",
              "n/a"));
      doc.add(
          new ReportDocument.Paragraph(
              r.dataset()
                  + " / "
                  + r.network()
                  + (r.label().isEmpty() ? "" : " (" + r.label() + ")")
                  + " matches the paper's "
                  + p.dataset()
                  + " "
                  + p.network()
                  + ". The paper: "
                  + p.note()
                  + ". "
                  + settingsText(r)));
      doc.add(
          new ReportDocument.Table(
              List.of("", "FP ANN (%)", "binary ANN (%)", fpSnnHeader, "binary SNN (%)"),
              List.of(false, true, true, true, true),
              cells));
    }
    if (!any) {
      List<String> known =
          rows.stream()
              .filter(r -> !r.dataset().equals("?"))
              .map(r -> r.dataset() + " / " + r.network())
              .distinct()
              .toList();
      String ours =
          known.isEmpty()
              ? "this experiment's dataset and network are not recorded"
              : "this experiment is " + String.join(", ", known);
      doc.add(
          new ReportDocument.Paragraph(
              "The paper reports numbers only for CIFAR-100 and ImageNet with VGG-15 "
                  + "(`vgg15ab`); "
                  + ours
                  + ", so there is no like-for-like comparison. The paper's known numbers, for "
                  + "reference:"));
    } else {
      doc.add(new ReportDocument.Paragraph("All the paper's known numbers:"));
    }
    List<List<String>> known = new ArrayList<>();
    for (PaperNumbers.Row p : PaperNumbers.ALL) {
      known.add(
          List.of(p.dataset(), p.network(), fmt(p.fpAnn(), 2), fmt(p.binaryAnn(), 2), p.note()));
    }
    doc.add(
        new ReportDocument.Table(
            List.of("dataset", "network", "FP ANN (%)", "binary ANN (%)", "SNN"),
            List.of(false, false, true, true, false),
            known));
  }

  /**
   * Whether the row's jobs used the paper's model and conversion settings, and if not, where they
   * differ.
   */
  private static String settingsText(TableRow r) {
    if (r.jobs().isEmpty() || r.jobs().stream().allMatch(j -> j.settings().isEmpty())) {
      return "Our settings are not recorded (no provenance.json), so whether they are the paper's is unknown.";
    }
    SortedSet<String> deviations = new TreeSet<>();
    r.jobs().forEach(j -> deviations.addAll(PaperNumbers.deviations(j.settings())));
    if (deviations.isEmpty()) {
      return "Our model and conversion settings are the paper's ("
          + String.join(
              ", ",
              PaperNumbers.SETTINGS.entrySet().stream()
                  .map(x -> x.getKey() + " " + x.getValue())
                  .toList())
          + ").";
    }
    return "**Not the paper's settings**, so the difference is not a like-for-like comparison: "
        + String.join("; ", deviations)
        + ".";
  }

  /** The FP SNN's accuracy at timestep t (mean over seeds), else its final accuracy. */
  private static Optional<MeanStd> fpSnnAt(ExperimentResults e, Optional<Variant> v, int t) {
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (t > 0) {
      List<Double> values = new ArrayList<>();
      for (ResultRow row : e.rows()) {
        if (row.variant().equals(v.get().name())
            && row.metric().equals("snn-accuracy")
            && row.timestep().isPresent()
            && row.timestep().getAsInt() == t) {
          values.add(row.value());
        }
      }
      if (!values.isEmpty()) {
        return Optional.of(MeanStd.of(values));
      }
      return Optional.empty();
    }
    return e.scalar(v.get(), "snn-final-accuracy");
  }

  private static String pct(Optional<MeanStd> m) {
    return m.isEmpty() || m.get().isEmpty() ? "n/a" : m.get().scaled(100).format(2);
  }

  private static String diff(Optional<MeanStd> ours, double paper) {
    if (ours.isEmpty() || ours.get().isEmpty()) {
      return "n/a";
    }
    return signed(100 * ours.get().mean() - paper, 2);
  }

  // ---------------------------------------------------------------------------------------------
  // Width study

  /**
   * The binary gap at each width of a width study, ANN and SNN, paired by seed: what claims 1 and 2
   * look like as the network grows.
   */
  private void widthSection(ReportDocument doc, ExperimentResults e, WidthStudy w) {
    doc.add(new ReportDocument.Heading(2, "Binary gap against width"));
    boolean sameImages =
        w.points().stream()
            .allMatch(p -> WidthStudy.fpAnnReference(e, p).equals("ann-accuracy-on-snn-samples"));
    doc.add(
        new ReportDocument.Paragraph(
            "The networks of `"
                + w.key()
                + "` by width, the channel count of the first convolution ("
                + w.widthList()
                + "). Each gap is binary minus full precision in points: per seed, the binary run's "
                + "accuracy minus that of the FP run of the same seed, then mean ± sample std of "
                + "those differences (seeds with only one of the two are left out). ANN: on the "
                + "whole test set; SNN: at the last simulated timestep; binary SNN − FP ANN (claim "
                + "1): the ANN"
                + (sameImages ? " on the SNN's images" : "")
                + ". The tolerance is "
                + fmt(options.tolerancePoints(), 1)
                + " pt."));
    List<List<String>> cells = new ArrayList<>();
    for (WidthStudy.Point p : w.points()) {
      SortedSet<Long> paired = new TreeSet<>();
      p.fp().ifPresent(v -> paired.addAll(e.seeds(v)));
      p.binary().ifPresent(v -> paired.retainAll(e.seeds(v)));
      if (p.binary().isEmpty()) {
        paired.clear();
      }
      cells.add(
          List.of(
              String.valueOf(p.width()),
              p.layers(),
              String.valueOf(paired.size()),
              gapCell(WidthStudy.gap(e, p, "ann-accuracy", "ann-accuracy")),
              gapCell(WidthStudy.gap(e, p, "snn-final-accuracy", "snn-final-accuracy")),
              gapCell(
                  WidthStudy.gap(e, p, "snn-final-accuracy", WidthStudy.fpAnnReference(e, p)))));
    }
    doc.add(
        new ReportDocument.Table(
            List.of(
                "width",
                "network",
                "paired seeds",
                "ANN: binary − FP (pt)",
                "SNN: binary − FP (pt)",
                "binary SNN − FP ANN (pt)"),
            List.of(true, false, true, true, true, true),
            cells));
  }

  /** Accuracy at small T per method, where an experiment compares several settings. */
  private static void latencySection(
      ReportDocument doc, ExperimentResults e, List<TableRow> rows, List<Double> gaps, int last) {
    if (rows.size() < 2) {
      return;
    }
    List<LatencyTable.Row> latencyRows =
        rows.stream().map(r -> new LatencyTable.Row(r.label(), r.fp(), r.binary())).toList();
    LatencyTable.of(e, latencyRows, gaps, last)
        .ifPresent(
            table -> {
              doc.add(new ReportDocument.Heading(2, "Accuracy against latency"));
              doc.add(
                  new ReportDocument.Paragraph(
                      "SNN accuracy (%) at each timestep T (mean over seeds), the timesteps each"
                          + " setting needs to come within the gap of its own ANN (on the SNN's"
                          + " images), and its cumulative energy per inference at the timestep"
                          + " where it first comes within the largest gap, beside the ANN's"
                          + " (the hardware stage's energy model)."));
              doc.add(table);
            });
  }

  private static String gapCell(Optional<MeanStd> g) {
    return g.isEmpty() || g.get().isEmpty() ? "n/a" : ClaimChecks.signedGap(g.get());
  }

  // ---------------------------------------------------------------------------------------------
  // Claims

  private void claimSection(
      ReportDocument doc,
      ExperimentResults e,
      List<TableRow> rows,
      List<Double> gaps,
      int last,
      EarlyExitSavings savings,
      ReportSummary summary,
      Optional<WidthStudy> widths) {
    doc.add(new ReportDocument.Heading(2, "Claim checks"));
    doc.add(
        new ReportDocument.Paragraph(
            "The paper's claims, checked on these results at this scale:"));
    doc.add(new ReportDocument.Bullets(PaperNumbers.CLAIMS));
    doc.add(
        new ReportDocument.Paragraph(
            "Verdicts (means over seeds; \"near\" means at most "
                + fmt(options.tolerancePoints(), 1)
                + " pt below):"));
    List<String> lines = new ArrayList<>();
    ClaimChecks checks = new ClaimChecks(options.tolerancePoints(), options.latencyBudget());
    boolean exitRows = false;
    for (TableRow r : rows) {
      // With early exit the SNN's accuracy and latency are the exit's: claims 1-4 are about runs
      // without it.
      if (r.fp().map(v -> withExit(e, v)).orElse(false)
          || r.binary().map(v -> withExit(e, v)).orElse(false)) {
        exitRows = true;
        continue;
      }
      String prefix = r.label().isEmpty() ? "" : "[" + r.label() + "] ";
      List<ClaimVerdict> verdicts = checks.check(e, r.fp(), r.binary(), gaps, last);
      verdicts.forEach(v -> lines.add(prefix + v.line()));
      summary.add(
          new ReportSummary.Evidence(
              e.experiment(), r.label(), seedCount(e, r), deviations(r.jobs()), verdicts));
    }
    if (widths.isPresent()) {
      List<ClaimVerdict> verdicts = checks.acrossWidths(e, widths.get());
      verdicts.forEach(v -> lines.add(v.line()));
      List<RunProvenance.Job> jobs = new ArrayList<>();
      rows.forEach(r -> jobs.addAll(r.jobs()));
      summary.addAcrossWidths(
          new ReportSummary.Evidence(
              e.experiment(), "", e.seeds().size(), deviations(jobs), verdicts));
    }
    if (exitRows) {
      lines.add(
          "Claims 1-4 are not checked on the variants with early exit: their accuracy and latency are the "
              + "exit's, which claim 5 judges. They are checked on runs without exit (see the summary).");
    }
    List<ClaimVerdict> exitVerdicts = savings.verdicts();
    if (exitVerdicts.isEmpty()) {
      exitVerdicts =
          List.of(
              new ClaimVerdict(
                  5,
                  ClaimVerdict.Outcome.NOT_TESTED,
                  "claim 5 (early exit)",
                  "no `exit-accuracy` rows; run with `optimize: early-exit` and the `exit-latency` metric."));
    } else {
      List<RunProvenance.Job> jobs = new ArrayList<>();
      rows.forEach(r -> jobs.addAll(r.jobs()));
      // Another exit rule than the paper's is one more way the evidence is not the paper's.
      int notThePapers = deviations(jobs) + (savings.paperRule() ? 0 : 1);
      summary.add(
          new ReportSummary.Evidence(
              e.experiment(), "", e.seeds().size(), notThePapers, exitVerdicts));
      summary.addExitSaving(
          new ReportSummary.ExitSaving(
              e.experiment(), savings.referenceLast(), savings.bestSavings()));
    }
    exitVerdicts.forEach(v -> lines.add(v.line()));
    doc.add(new ReportDocument.Bullets(lines));
  }

  private static boolean withExit(ExperimentResults e, Variant v) {
    return !e.scalarBySeed(v, ExitReferences.EXIT_METRIC).isEmpty();
  }

  /**
   * How many of the paper's settings the jobs differ in or do not record (all of them without
   * jobs).
   */
  private static int deviations(List<RunProvenance.Job> jobs) {
    if (jobs.isEmpty()) {
      return PaperNumbers.SETTINGS.size();
    }
    SortedSet<String> out = new TreeSet<>();
    jobs.forEach(j -> out.addAll(PaperNumbers.deviations(j.settings())));
    return out.size();
  }

  // ---------------------------------------------------------------------------------------------
  // Early exit

  private void earlyExitSection(ReportDocument doc, ExperimentResults e, EarlyExitSavings savings) {
    List<EarlyExitSavings.Point> points = savings.points();
    if (points.isEmpty()) {
      return;
    }
    doc.add(new ReportDocument.Heading(2, "Early exit (claim 5)"));
    doc.add(
        new ReportDocument.Paragraph(
            "Per threshold: the timesteps used with exit, the accuracy of the exit "
                + "decisions, and the comparison with the fixed-T run: the first timestep at which the same networks simulated "
                + "without exit reach at least that accuracy, and the saving, those timesteps / the mean timesteps with exit "
                + "(\"> x\": not reached in the fixed-T run's x timesteps, so the saving is a lower bound). ANN: on the "
                + "SNN's images when the run records `ann-accuracy-on-snn-samples`."));
    List<List<String>> cells = new ArrayList<>();
    Set<String> missing = new LinkedHashSet<>();
    for (EarlyExitSavings.Point p : points) {
      Variant v = p.variant();
      String gap = p.lossPoints().map(l -> signed(l, 2)).orElse("n/a");
      cells.add(
          List.of(
              p.group() + (p.setting().isEmpty() ? "" : ", " + p.setting()),
              ts(e, v, "timesteps-used-mean"),
              ts(e, v, "timesteps-used-median"),
              ts(e, v, "timesteps-used-p95"),
              pct(p.exitAccuracy()),
              pct(p.ann()),
              gap,
              EarlyExitSavings.fixedTCell(p),
              EarlyExitSavings.savingCell(p)));
      if (!p.missing().isEmpty()) {
        missing.add(p.missing());
      }
    }
    doc.add(
        new ReportDocument.Table(
            List.of(
                "variant",
                "mean timesteps",
                "median",
                "95th percentile",
                "accuracy with exit (%)",
                "ANN (%)",
                "exit − ANN (pt)",
                "fixed-T timesteps to the same accuracy",
                "saving (×)"),
            List.of(false, true, true, true, true, true, true, true, true),
            cells));
    if (!missing.isEmpty()) {
      doc.add(
          new ReportDocument.Paragraph("Fixed-T comparison: " + String.join("; ", missing) + "."));
    }
  }

  private static String ts(ExperimentResults e, Variant v, String metric) {
    Optional<MeanStd> m = e.scalar(v, metric);
    return m.isEmpty() || m.get().isEmpty() ? "n/a" : m.get().format(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Provenance

  private static void provenanceSection(ReportDocument doc, RunProvenance p) {
    doc.add(
        new ReportDocument.Heading(
            2,
            "Run `"
                + p.runDir().getFileName()
                + "`"
                + (p.experiment().isEmpty() ? "" : " (" + p.experiment() + ")")));
    List<String> items = new ArrayList<>();
    items.add("Directory: `" + display(p.runDir()) + "`.");
    String dirty =
        p.gitDirty()
            .map(
                d ->
                    d
                        ? "**dirty** (uncommitted changes: the commit alone does not reproduce it)"
                        : "clean")
            .orElse("unknown");
    items.add(
        "Code: workbench "
            + orUnknown(p.workbenchVersion())
            + ", git commit `"
            + orUnknown(p.gitCommit())
            + "`, working tree "
            + dirty
            + ".");
    items.add(
        "Experiment file: `"
            + orUnknown(p.experimentFile())
            + "`, SHA-256 `"
            + orUnknown(p.experimentSha256())
            + "`.");
    items.add(
        "Overrides: "
            + (p.overrides().isEmpty() ? "none" : "`" + String.join("`, `", p.overrides()) + "`")
            + ".");
    items.add(
        "Seeds: "
            + (p.seeds().isEmpty() ? "unknown" : String.join(", ", p.seeds()))
            + "; sweep: "
            + (p.sweep().isEmpty() ? "none" : sweepText(p.sweep()))
            + ".");
    items.add(
        "Started "
            + orUnknown(p.startedAt())
            + " on "
            + orUnknown(p.java())
            + ", "
            + orUnknown(p.os())
            + ".");
    doc.add(new ReportDocument.Bullets(items));
    if (!p.datasetChecksums().isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      p.datasetChecksums().forEach((f, sha) -> rows.add(List.of("`" + f + "`", "`" + sha + "`")));
      doc.add(
          new ReportDocument.Table(
              List.of("dataset file", "SHA-256"), List.of(false, false), rows));
    }
    if (!p.plugins().isEmpty()) {
      Map<String, List<RunProvenance.PluginUse>> byStage = new LinkedHashMap<>();
      p.plugins().forEach(u -> byStage.computeIfAbsent(u.stage(), k -> new ArrayList<>()).add(u));
      List<List<String>> rows = new ArrayList<>();
      List<String> stages = new ArrayList<>(byStage.keySet());
      stages.sort(java.util.Comparator.comparingInt(ReportWriter::stageRank));
      Map<String, List<RunProvenance.PluginUse>> ordered = new LinkedHashMap<>();
      stages.forEach(st -> ordered.put(st, byStage.get(st)));
      ordered.forEach(
          (stage, uses) ->
              rows.add(
                  List.of(
                      stage,
                      String.join(
                          ", ",
                          uses.stream()
                              .map(u -> "`" + u.plugin() + "` " + u.version())
                              .toList()))));
      doc.add(
          new ReportDocument.Table(
              List.of("stage", "plugins and versions"), List.of(false, false), rows));
    }
  }

  /** A path relative to the working directory when it lies below it, else absolute. */
  private static String display(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    return (abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs) : abs)
        .toString()
        .replace('\\', '/');
  }

  /**
   * The stage's place in the experiment template ({@link StageKind} order); unknown stages last.
   */
  private static int stageRank(String stage) {
    return StageKind.ofGroup(stage).map(Enum::ordinal).orElse(StageKind.values().length);
  }

  private static String sweepText(Map<String, List<String>> sweep) {
    List<String> parts = new ArrayList<>();
    sweep.forEach((k, v) -> parts.add("`" + k + "` = " + String.join(", ", v)));
    return String.join("; ", parts);
  }

  // ---------------------------------------------------------------------------------------------
  // Formatting

  private static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "unknown" : s;
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A signed number with a true minus sign. */
  static String signed(double v, int decimals) {
    String s = fmt(Math.abs(v), decimals);
    boolean zero = Double.parseDouble(s) == 0;
    return (zero ? "±" : v < 0 ? "−" : "+") + s;
  }

  private static String relative(Path base, Path file) {
    return base.toAbsolutePath()
        .normalize()
        .relativize(file.toAbsolutePath().normalize())
        .toString()
        .replace('\\', '/');
  }
}
