package org.bsnn.figures;

import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A chart with the stem of its file names and a caption for the report.
 *
 * @param stem file name without extension, e.g. {@code fashion-mnist-mlp_accuracy-vs-timestep}
 * @param caption one sentence saying what the chart shows
 * @param chart the chart
 */
public record NamedChart(String stem, String caption, Chart<?, ?> chart) {

  /** Checks the stem is a plain file name. */
  public NamedChart {
    Objects.requireNonNull(caption);
    Objects.requireNonNull(chart);
    if (!stem.matches("[A-Za-z0-9._=+-]+") || stem.startsWith(".")) {
      throw new IllegalArgumentException("not a plain file name stem: " + stem);
    }
  }

  /**
   * The stem {@code <experiment>_<figure>[_<qualifier>...]}, each part reduced to letters, digits,
   * '.', '=', '+' and '-' (other characters become '-').
   */
  public static String stem(String experiment, String figureId, String... qualifiers) {
    StringBuilder sb = new StringBuilder(slug(experiment)).append('_').append(slug(figureId));
    for (String q : qualifiers) {
      sb.append('_').append(slug(q));
    }
    return sb.toString();
  }

  /** A file-name-safe form of a text. */
  static String slug(String s) {
    String t =
        s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.=+-]+", "-").replaceAll("-{2,}", "-");
    t = t.replaceAll("^[-.]+", "").replaceAll("-+$", "");
    return t.isEmpty() ? "x" : t;
  }
}
