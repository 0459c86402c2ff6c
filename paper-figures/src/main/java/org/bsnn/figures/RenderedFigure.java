package org.bsnn.figures;

import java.nio.file.Path;
import java.util.List;

/**
 * A chart written to disk.
 *
 * @param experiment the experiment it shows
 * @param figureId the {@link Figure#id()} of its figure
 * @param caption one sentence saying what it shows
 * @param png the 300 dpi PNG
 * @param vector the SVG
 */
public record RenderedFigure(
    String experiment, String figureId, String caption, Path png, Path vector) {

  /** Both files, PNG first. */
  public List<Path> files() {
    return List.of(png, vector);
  }
}
