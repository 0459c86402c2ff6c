package org.bsnn.api.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.bsnn.api.util.AtomicFiles;
import org.bsnn.api.util.UserFacingException;

/**
 * Reads and writes the long-format {@code results.csv}: one {@link ResultRow} a record, the {@link
 * #FIXED_COLUMNS} first, then one {@code param:<key>} column per sweep parameter found in any row,
 * sorted by key.
 *
 * <p>The text does not depend on the default locale: values are written with {@link
 * Double#toString(double)} ({@code NaN}, {@code Infinity}, {@code -Infinity} included), seeds and
 * timesteps as plain ASCII integers, records end with LF, and the file is UTF-8 without a byte
 * order mark. Rows are sorted with {@link ResultRow#ORDER} so that two runs' files differ only
 * where their results do. Scalars have an empty {@code timestep} cell, and a row without some
 * parameter has an empty cell in that parameter's column. An empty parameter value therefore reads
 * back as an absent parameter; every other row reads back equal to what was written.
 */
public final class ResultsCsv {

  /** The fixed columns, in file order. */
  public static final List<String> FIXED_COLUMNS =
      List.of(
          "experiment",
          "variant",
          "seed",
          "stage",
          "metric",
          "timestep",
          "value",
          "unit",
          "run_id",
          "config_hash",
          "workbench_version");

  /** The prefix of a sweep parameter column's name. */
  public static final String PARAM_PREFIX = "param:";

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
  private static final Pattern DOUBLE =
      Pattern.compile("[+-]?(NaN|Infinity|([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?)");

  private static final CSVFormat WRITE_FORMAT =
      CSVFormat.Builder.create(CSVFormat.RFC4180).setRecordSeparator("\n").get();
  private static final CSVFormat READ_FORMAT =
      CSVFormat.Builder.create(CSVFormat.RFC4180).setIgnoreEmptyLines(false).get();

  private ResultsCsv() {}

  /**
   * Atomically writes {@code rows} to {@code file}, sorted with {@link ResultRow#ORDER}.
   *
   * @throws UserFacingException if the file cannot be written
   */
  public static void write(Path file, List<ResultRow> rows) {
    AtomicFiles.writeString(file, format(rows));
  }

  /** The exact text {@link #write} puts in the file. */
  public static String format(List<ResultRow> rows) {
    List<ResultRow> sorted = new ArrayList<>(rows);
    sorted.sort(ResultRow.ORDER);
    SortedSet<String> paramKeys = new TreeSet<>();
    for (ResultRow r : sorted) {
      paramKeys.addAll(r.params().keySet());
    }
    List<String> header = new ArrayList<>(FIXED_COLUMNS);
    for (String k : paramKeys) {
      header.add(PARAM_PREFIX + k);
    }
    StringBuilder out = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(out, WRITE_FORMAT)) {
      printer.printRecord(header);
      List<String> cells = new ArrayList<>(header.size());
      for (ResultRow r : sorted) {
        cells.clear();
        cells.add(r.experiment());
        cells.add(r.variant());
        cells.add(Long.toString(r.seed()));
        cells.add(r.stage());
        cells.add(r.metric());
        cells.add(r.timestep().isPresent() ? Integer.toString(r.timestep().getAsInt()) : "");
        cells.add(Double.toString(r.value()));
        cells.add(r.unit());
        cells.add(r.runId());
        cells.add(r.configHash());
        cells.add(r.workbenchVersion());
        for (String k : paramKeys) {
          cells.add(r.params().getOrDefault(k, ""));
        }
        printer.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    return out.toString();
  }

  /**
   * Reads a file written by {@link #write}. The columns may come in any order; the fixed ones must
   * all be there.
   *
   * @throws UserFacingException if the file cannot be read, or names the file, line and column of
   *     the first problem: a missing or unknown column, a record with the wrong number of cells, or
   *     a malformed number
   */
  public static List<ResultRow> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserFacingException("cannot read " + file + ": no such file", e);
    } catch (CharacterCodingException e) {
      throw new UserFacingException(
          file + " is not UTF-8 text; results.csv files are written in UTF-8", e);
    } catch (IOException e) {
      throw new UserFacingException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark, as some spreadsheet programs write
    }
    return parse(text, file.toString());
  }

  /** Parses the text of a results file; {@code source} names it in error messages. */
  static List<ResultRow> parse(String text, String source) {
    try (CSVParser parser = CSVParser.parse(text, READ_FORMAT)) {
      Iterator<CSVRecord> it = parser.iterator();
      if (!hasNext(it, parser, source)) {
        throw new UserFacingException(
            source
                + " is empty; expected a header line starting with "
                + String.join(",", FIXED_COLUMNS));
      }
      Header header = Header.of(it.next(), source);
      List<ResultRow> rows = new ArrayList<>();
      long line = parser.getCurrentLineNumber() + 1; // where the next record starts
      while (hasNext(it, parser, source)) {
        CSVRecord rec = it.next();
        rows.add(header.row(rec, new Where(source, line)));
        line = parser.getCurrentLineNumber() + 1;
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String does not fail
    }
  }

  private static boolean hasNext(Iterator<CSVRecord> it, CSVParser parser, String source) {
    long start = parser.getCurrentLineNumber() + 1;
    try {
      return it.hasNext();
    } catch (UncheckedIOException | IllegalStateException e) {
      String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw new UserFacingException(
          source
              + " line "
              + start
              + ": malformed CSV ("
              + why
              + "); check for an unbalanced double quote",
          e);
    }
  }

  /** A line of a file, for error messages. */
  private record Where(String source, long line) {
    UserFacingException error(int index, String column, String message) {
      return new UserFacingException(
          source + " line " + line + ", column " + (index + 1) + " (" + column + "): " + message);
    }
  }

  /** Column positions, from the header record. */
  private record Header(Map<String, Integer> fixed, Map<String, Integer> params, int size) {

    static Header of(CSVRecord rec, String source) {
      Map<String, Integer> fixed = new HashMap<>();
      Map<String, Integer> params = new TreeMap<>();
      for (int i = 0; i < rec.size(); i++) {
        String name = rec.get(i);
        Integer previous;
        if (name.startsWith(PARAM_PREFIX)) {
          previous = params.put(name.substring(PARAM_PREFIX.length()), i);
        } else if (FIXED_COLUMNS.contains(name)) {
          previous = fixed.put(name, i);
        } else {
          throw new UserFacingException(
              source
                  + " line 1, column "
                  + (i + 1)
                  + ": unknown column \""
                  + name
                  + "\"; expected "
                  + String.join(",", FIXED_COLUMNS)
                  + " and param:<key> columns");
        }
        if (previous != null) {
          throw new UserFacingException(
              source + " line 1, column " + (i + 1) + ": duplicate column \"" + name + "\"");
        }
      }
      List<String> missing = new ArrayList<>();
      for (String c : FIXED_COLUMNS) {
        if (!fixed.containsKey(c)) {
          missing.add(c);
        }
      }
      if (!missing.isEmpty()) {
        throw new UserFacingException(
            source
                + " line 1: missing column"
                + (missing.size() > 1 ? "s " : " ")
                + String.join(", ", missing)
                + "; is this a results.csv file?");
      }
      return new Header(fixed, params, rec.size());
    }

    ResultRow row(CSVRecord rec, Where where) {
      if (rec.size() != size) {
        throw new UserFacingException(
            where.source()
                + " line "
                + where.line()
                + ": "
                + rec.size()
                + " cells, but the header has "
                + size
                + " columns");
      }
      String ts = cell(rec, "timestep");
      TreeMap<String, String> p = new TreeMap<>();
      for (Map.Entry<String, Integer> e : params.entrySet()) {
        String v = rec.get(e.getValue());
        if (!v.isEmpty()) {
          p.put(e.getKey(), v);
        }
      }
      return new ResultRow(
          cell(rec, "experiment"),
          cell(rec, "variant"),
          parseLong(cell(rec, "seed"), "seed", where),
          cell(rec, "stage"),
          cell(rec, "metric"),
          ts.isEmpty() ? OptionalInt.empty() : OptionalInt.of(parseInt(ts, where)),
          parseDouble(cell(rec, "value"), where),
          cell(rec, "unit"),
          cell(rec, "run_id"),
          cell(rec, "config_hash"),
          cell(rec, "workbench_version"),
          p);
    }

    private String cell(CSVRecord rec, String column) {
      return rec.get(fixed.get(column));
    }

    private long parseLong(String s, String column, Where where) {
      if (INTEGER.matcher(s).matches()) {
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException e) {
          // out of range: falls through to the error below
        }
      }
      throw where.error(
          fixed.get(column),
          column,
          "malformed integer \"" + s + "\" (expected ASCII digits, e.g. 42)");
    }

    private int parseInt(String s, Where where) {
      long v = parseLong(s, "timestep", where);
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw where.error(fixed.get("timestep"), "timestep", "timestep " + s + " is out of range");
      }
      return (int) v;
    }

    private double parseDouble(String s, Where where) {
      if (DOUBLE.matcher(s).matches()) {
        return Double.parseDouble(s);
      }
      throw where.error(
          fixed.get("value"),
          "value",
          "malformed number \""
              + s
              + "\" (expected a decimal with a point, e.g. 0.5, 1.0E-5, NaN, Infinity or -Infinity)");
    }
  }
}
