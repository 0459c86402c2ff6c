package org.bsnn.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One kind of figure of the catalogue. A figure reads an experiment's results (never anything else)
 * and draws zero or more charts; {@link FigureFiles} writes each as PNG and SVG.
 */
public interface Figure {

  /** Stable kebab-case id, part of the file names, e.g. {@code accuracy-vs-timestep}. */
  String id();

  /** What the figure needs, for messages: metric names and stages. */
  String needs();

  /** True when the results hold the data the figure needs. */
  boolean hasData(ExperimentResults results);

  /** The charts of this figure for an experiment; empty when {@link #hasData} is false. */
  List<NamedChart> charts(ExperimentResults results);

  /**
   * Draws the charts and writes each as PNG (300 dpi) and SVG into {@code dir}; the files written.
   */
  default List<Path> render(ExperimentResults results, Path dir) {
    List<Path> out = new ArrayList<>();
    for (NamedChart c : charts(results)) {
      out.addAll(FigureFiles.write(c, dir));
    }
    return out;
  }
}
