package org.bsnn.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bsnn.api.results.ResultRow;

/**
 * Every figure of the workbench, and the rendering of all those whose data is present. Given
 * results of one or more experiments, it draws, per experiment and in catalogue order: accuracy vs
 * timestep, parameter sweeps, width studies, early exit, spikes per layer, energy per inference and
 * confusion matrices, skipping each figure whose metrics are absent. Output names are {@code
 * <experiment>_<figure>[_<qualifier>].png|.svg}.
 */
public final class FigureCatalog {

  private final List<Figure> figures;

  /** The catalogue with every figure. */
  public FigureCatalog() {
    this(defaultFigures());
  }

  /** A catalogue of the given figures, in that order. */
  public FigureCatalog(List<Figure> figures) {
    this.figures = List.copyOf(figures);
  }

  /** Every figure, in catalogue order. */
  public static List<Figure> defaultFigures() {
    return List.of(
        new AccuracyVsTimestepFigure(),
        new ParameterSweepFigure(),
        new WidthFigure(),
        new EarlyExitFigure(),
        new SpikesPerLayerFigure(),
        new EnergyPerInferenceFigure(),
        new ConfusionMatrixFigure());
  }

  /** The figures of this catalogue. */
  public List<Figure> figures() {
    return figures;
  }

  /**
   * Reads the inputs (results.csv files or run directories) and renders every figure whose data is
   * present into {@code outDir}.
   *
   * @return the files written, PNG and SVG of each chart; empty when no figure had data
   * @throws org.bsnn.api.util.UserFacingException for unreadable or conflicting inputs
   */
  public List<Path> render(List<Path> inputs, Path outDir) {
    return files(renderFigures(ResultsInput.load(inputs).rows(), outDir));
  }

  /** Renders every figure whose data is present in the rows; the files written. */
  public List<Path> renderRows(List<ResultRow> rows, Path outDir) {
    return files(renderFigures(rows, outDir));
  }

  /** Renders every figure whose data is present in the rows, with captions for a report. */
  public List<RenderedFigure> renderFigures(List<ResultRow> rows, Path outDir) {
    List<RenderedFigure> out = new ArrayList<>();
    for (ExperimentResults experiment : ExperimentResults.split(rows)) {
      out.addAll(renderFigures(experiment, outDir));
    }
    return out;
  }

  /** Renders every figure whose data is present for one experiment. */
  public List<RenderedFigure> renderFigures(ExperimentResults experiment, Path outDir) {
    List<RenderedFigure> out = new ArrayList<>();
    for (Figure f : figures) {
      if (!f.hasData(experiment)) {
        continue;
      }
      for (NamedChart c : f.charts(experiment)) {
        List<Path> files = FigureFiles.write(c, outDir);
        out.add(
            new RenderedFigure(
                experiment.experiment(), f.id(), c.caption(), files.get(0), files.get(1)));
      }
    }
    return out;
  }

  /** The ids of the figures that have data in the rows, in catalogue order. */
  public List<String> available(List<ResultRow> rows) {
    List<String> out = new ArrayList<>();
    List<ExperimentResults> experiments = ExperimentResults.split(rows);
    for (Figure f : figures) {
      if (experiments.stream().anyMatch(f::hasData)) {
        out.add(f.id());
      }
    }
    return out;
  }

  /** What each figure needs, one line each, for "nothing to plot" messages. */
  public String needs() {
    StringBuilder sb = new StringBuilder();
    for (Figure f : figures) {
      sb.append("  ").append(f.id()).append(": ").append(f.needs()).append('\n');
    }
    return sb.toString();
  }

  private static List<Path> files(List<RenderedFigure> rendered) {
    List<Path> out = new ArrayList<>();
    rendered.forEach(r -> out.addAll(r.files()));
    return out;
  }
}
