package org.bsnn.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A written reproduction report.
 *
 * @param markdown the Markdown page
 * @param html the same page as HTML
 * @param figures the figures it embeds (PNG and SVG of each)
 */
public record Report(Path markdown, Path html, List<Path> figures) {

  /** Copies the list. */
  public Report {
    figures = List.copyOf(figures);
  }

  /** Every file written: the two pages, then the figures. */
  public List<Path> files() {
    List<Path> out = new ArrayList<>(List.of(markdown, html));
    out.addAll(figures);
    return out;
  }
}
