package org.bsnn.experiments.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with columns padded to their widest cell, for terminal output. Columns are
 * separated by two spaces; trailing spaces are trimmed.
 */
public final class TextTable {

  /** How a column's cells are padded. */
  public enum Align {
    /** Text columns. */
    LEFT,
    /** Number columns. */
    RIGHT
  }

  private final List<String> header;
  private final Align[] align;
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * Creates a table.
   *
   * @param header the column titles
   * @param align one alignment per column
   */
  public TextTable(List<String> header, Align... align) {
    if (header.size() != align.length) {
      throw new IllegalArgumentException(
          header.size() + " columns but " + align.length + " alignments");
    }
    this.header = List.copyOf(header);
    this.align = align.clone();
  }

  /** Adds a row; it must have one cell per column. */
  public TextTable add(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(header.size() + " columns but " + cells.size() + " cells");
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  /** Whether no rows were added. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table, header first, each line ending with a newline. */
  public String render() {
    int[] width = new int[header.size()];
    measure(header, width);
    for (List<String> r : rows) {
      measure(r, width);
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width);
    String[] rule = new String[width.length];
    for (int c = 0; c < width.length; c++) {
      rule[c] = "-".repeat(width[c]);
    }
    line(out, Arrays.asList(rule), width);
    for (List<String> r : rows) {
      line(out, r, width);
    }
    return out.toString();
  }

  private static void measure(List<String> cells, int[] width) {
    for (int c = 0; c < cells.size(); c++) {
      width[c] = Math.max(width[c], cells.get(c).codePointCount(0, cells.get(c).length()));
    }
  }

  private void line(StringBuilder out, List<String> cells, int[] width) {
    StringBuilder l = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        l.append("  ");
      }
      String s = cells.get(c);
      String pad = " ".repeat(width[c] - s.codePointCount(0, s.length()));
      if (align[c] == Align.RIGHT) {
        l.append(pad).append(s);
      } else {
        l.append(s).append(pad);
      }
    }
    int end = l.length();
    while (end > 0 && l.charAt(end - 1) == ' ') {
      end--;
    }
    out.append(l, 0, end).append('\n');
  }
}
