package org.bsnn.api.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResultsCsvTest {

  private static final String GOLDEN = "/golden/results.csv";
  private static final String HEADER =
      "experiment,variant,seed,stage,metric,timestep,value,unit,run_id,config_hash,workbench_version";

  @TempDir Path dir;
  private Locale savedLocale;

  @BeforeEach
  void saveLocale() {
    savedLocale = Locale.getDefault();
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(savedLocale);
  }

  /** Locales whose number formatting differs from ROOT: decimal comma, native digits, dotless i. */
  static Stream<Locale> locales() {
    return Stream.of(
        Locale.ROOT,
        Locale.GERMANY,
        Locale.FRANCE,
        Locale.forLanguageTag("ar-EG"),
        Locale.forLanguageTag("hi-IN-u-nu-deva"),
        Locale.forLanguageTag("hi-IN"),
        Locale.forLanguageTag("fa-IR"),
        Locale.forLanguageTag("th-TH-u-nu-thai"),
        new Locale("tr", "TR"));
  }

  // ---------------------------------------------------------------- fixtures

  private static TreeMap<String, String> params(String... kv) {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static ResultRow row(
      String variant,
      long seed,
      String stage,
      String metric,
      OptionalInt t,
      double value,
      String unit,
      Map<String, String> params) {
    return new ResultRow(
        "fig3-mnist",
        variant,
        seed,
        stage,
        metric,
        t,
        value,
        unit,
        "r0123456789abcdef",
        "c89abcdef",
        "0.1.0-SNAPSHOT+abc1234",
        new TreeMap<>(params));
  }

  private static ResultRow scalar(String metric, double value) {
    return row("base", 1, "evaluation", metric, OptionalInt.empty(), value, "", Map.of());
  }

  /** The rows behind the golden file, deliberately out of order. */
  static List<ResultRow> goldenRows() {
    List<ResultRow> rows = new ArrayList<>();
    TreeMap<String, String> xnor = params("binarize", "xnor-bwn", "timesteps", "100");
    for (int t = 12; t >= 1; t--) {
      rows.add(
          row(
              "binarize=xnor-bwn",
              42,
              "simulation",
              "snn-accuracy",
              OptionalInt.of(t),
              0.05 * t + 0.1,
              "fraction",
              xnor));
    }
    rows.add(
        row(
            "binarize=xnor-bwn",
            42,
            "evaluation",
            "ann-accuracy",
            OptionalInt.empty(),
            0.9912,
            "fraction",
            xnor));
    rows.add(
        row(
            "binarize=xnor-bwn",
            42,
            "hardware-model",
            "energy",
            OptionalInt.empty(),
            1.2345678E7,
            "pJ",
            xnor));
    rows.add(
        row(
            "binarize=xnor-bwn",
            42,
            "hardware-model",
            "energy-per-spike",
            OptionalInt.empty(),
            4.9E-324,
            "µJ",
            xnor));
    rows.add(
        row(
            "binarize=none",
            7,
            "evaluation",
            "ann-accuracy",
            OptionalInt.empty(),
            0.5,
            "fraction",
            params("binarize", "none")));
    rows.add(
        row(
            "binarize=none",
            7,
            "evaluation",
            "loss",
            OptionalInt.empty(),
            Double.NaN,
            "",
            params("binarize", "none", "optimizer", "adam")));
    rows.add(
        row(
            "binarize=none",
            7,
            "evaluation",
            "max-ratio",
            OptionalInt.empty(),
            Double.POSITIVE_INFINITY,
            "",
            params("binarize", "none")));
    rows.add(
        row(
            "binarize=none",
            7,
            "evaluation",
            "min-ratio",
            OptionalInt.empty(),
            Double.NEGATIVE_INFINITY,
            "",
            params("binarize", "none")));
    rows.add(
        row(
            "binarize=none",
            7,
            "evaluation",
            "bias",
            OptionalInt.empty(),
            -0.0,
            "",
            params("binarize", "none")));
    rows.add(
        row(
            "binarize=none",
            7,
            "evaluation",
            "big",
            OptionalInt.empty(),
            Double.MAX_VALUE,
            "",
            params("binarize", "none")));
    rows.add(
        row(
            "base",
            -3,
            "evaluation",
            "spikes-per-neuron[conv1]",
            OptionalInt.empty(),
            1234567.0,
            "spikes",
            Map.of()));
    rows.add(
        row(
            "base",
            Long.MAX_VALUE,
            "evaluation",
            "spikes-per-neuron[conv1]",
            OptionalInt.empty(),
            0.001,
            "spikes",
            Map.of()));
    rows.add(
        row(
            "lr=0.1, \"fast\"",
            1,
            "training",
            "epochs",
            OptionalInt.empty(),
            3.0,
            "",
            params("note", "a,b")));
    return rows;
  }

  private static String golden() throws IOException {
    try (InputStream in = ResultsCsvTest.class.getResourceAsStream(GOLDEN)) {
      assertNotNull(in, GOLDEN + " is missing from the test resources");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] goldenBytes() throws IOException {
    return golden().getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- golden file

  @ParameterizedTest
  @MethodSource("locales")
  void writeMatchesGoldenFileByteForByte(Locale locale) throws IOException {
    Locale.setDefault(locale);
    Path file = dir.resolve("results.csv");
    ResultsCsv.write(file, goldenRows());
    assertArrayEquals(
        goldenBytes(), Files.readAllBytes(file), "written under " + locale.toLanguageTag());
    assertEquals(golden(), ResultsCsv.format(goldenRows()));
  }

  @ParameterizedTest
  @MethodSource("locales")
  void readsGoldenFileBackToTheSortedRows(Locale locale) throws IOException {
    Locale.setDefault(locale);
    Path file = dir.resolve("results.csv");
    Files.write(file, goldenBytes());
    List<ResultRow> expected = new ArrayList<>(goldenRows());
    expected.sort(ResultRow.ORDER);
    assertEquals(expected, ResultsCsv.read(file));
  }

  @Test
  void theLocalesUnderTestReallyFormatNumbersDifferently() {
    assertEquals("0,5", String.format(Locale.GERMANY, "%.1f", 0.5));
    assertEquals("١", String.format(Locale.forLanguageTag("ar-EG"), "%d", 1));
    assertEquals("१", String.format(Locale.forLanguageTag("hi-IN-u-nu-deva"), "%d", 1));
  }

  @Test
  void goldenFileUsesLfAndAsciiNumbers() throws IOException {
    String text = golden();
    assertFalse(text.contains("\r"));
    assertTrue(text.endsWith("\n"));
    assertTrue(
        text.startsWith(HEADER + ",param:binarize,param:note,param:optimizer,param:timesteps\n"));
    assertTrue(text.contains(",NaN,"));
    assertTrue(text.contains(",Infinity,"));
    assertTrue(text.contains(",-Infinity,"));
    assertTrue(text.contains(",-0.0,"));
  }

  // ---------------------------------------------------------------- round trip

  @Test
  void roundTripKeepsEveryValueExactly() {
    double[] values = {
      0.0,
      -0.0,
      1.0,
      -1.0,
      0.1,
      1.0 / 3,
      Math.PI,
      1e-300,
      Double.MIN_VALUE,
      Double.MIN_NORMAL,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      1e22,
      123456789.125,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Float.MAX_VALUE,
      0.30000000000000004
    };
    List<ResultRow> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      rows.add(row("base", i, "evaluation", "m", OptionalInt.of(i + 1), values[i], "", Map.of()));
    }
    Path file = dir.resolve("results.csv");
    ResultsCsv.write(file, rows);
    List<ResultRow> back = ResultsCsv.read(file);
    assertEquals(rows, back);
    for (int i = 0; i < values.length; i++) {
      assertEquals(
          Double.doubleToLongBits(values[i]), Double.doubleToLongBits(back.get(i).value()));
    }
  }

  @Test
  void roundTripKeepsTextWithQuotesCommasNewlinesAndUnicode() {
    List<ResultRow> rows =
        List.of(
            new ResultRow(
                "exp \"quoted\"",
                "a,b",
                0,
                " stage ",
                "metric[x]",
                OptionalInt.empty(),
                1.0,
                "µJ",
                "",
                "#hash",
                "v1\nline2",
                params("k", "multi\r\nline", "ü", "ı")),
            new ResultRow(
                "", "", 0, "", "m", OptionalInt.of(1), 2.0, "", "", "", "", new TreeMap<>()));
    Path file = dir.resolve("results.csv");
    ResultsCsv.write(file, rows);
    List<ResultRow> expected = new ArrayList<>(rows);
    expected.sort(ResultRow.ORDER);
    assertEquals(expected, ResultsCsv.read(file));
  }

  @Test
  void emptyListWritesHeaderOnlyAndReadsBackEmpty() {
    Path file = dir.resolve("results.csv");
    ResultsCsv.write(file, List.of());
    assertEquals(HEADER + "\n", ResultsCsv.format(List.of()));
    assertEquals(List.of(), ResultsCsv.read(file));
  }

  @Test
  void readAcceptsColumnsInAnyOrderAndAByteOrderMark() throws IOException {
    Path file = dir.resolve("results.csv");
    Files.writeString(
        file,
        "\uFEFFvalue,param:b,experiment,variant,seed,stage,metric,timestep,unit,run_id,"
            + "config_hash,workbench_version\n2.5,x,e,v,3,s,m,4,u,r,c,w\n");
    assertEquals(
        List.of(
            new ResultRow(
                "e",
                "v",
                3,
                "s",
                "m",
                OptionalInt.of(4),
                2.5,
                "u",
                "r",
                "c",
                "w",
                params("b", "x"))),
        ResultsCsv.read(file));
  }

  @Test
  void overwritingLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("results.csv");
    ResultsCsv.write(file, goldenRows());
    ResultsCsv.write(file, List.of(scalar("m", 1.0)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.collect(Collectors.toList()));
    }
    assertEquals(List.of(scalar("m", 1.0)), ResultsCsv.read(file));
  }

  // ---------------------------------------------------------------- ordering

  private static List<String> dataLines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    lines.remove(0);
    return lines;
  }

  @Test
  void timestepsSortNumericallyAfterTheScalar() {
    List<ResultRow> rows = new ArrayList<>();
    for (int t : new int[] {10, 2, 9, 1, 100, 11}) {
      rows.add(row("base", 1, "simulation", "acc", OptionalInt.of(t), t, "", Map.of()));
    }
    rows.add(row("base", 1, "simulation", "acc", OptionalInt.empty(), -1, "", Map.of()));
    List<String> timesteps =
        dataLines(ResultsCsv.format(rows)).stream()
            .map(l -> l.split(",")[5])
            .collect(Collectors.toList());
    assertEquals(List.of("", "1", "2", "9", "10", "11", "100"), timesteps);
  }

  @Test
  void seedsSortNumericallyAndKeysInFieldOrder() {
    List<ResultRow> rows =
        List.of(
            new ResultRow(
                "b", "v", 1, "s", "m", OptionalInt.empty(), 0, "", "", "", "", new TreeMap<>()),
            new ResultRow(
                "a", "w", 1, "s", "m", OptionalInt.empty(), 0, "", "", "", "", new TreeMap<>()),
            new ResultRow(
                "a", "v", 10, "s", "m", OptionalInt.empty(), 0, "", "", "", "", new TreeMap<>()),
            new ResultRow(
                "a", "v", 9, "s", "m", OptionalInt.empty(), 0, "", "", "", "", new TreeMap<>()),
            new ResultRow(
                "a", "v", -2, "t", "m", OptionalInt.empty(), 0, "", "", "", "", new TreeMap<>()),
            new ResultRow(
                "a", "v", -2, "s", "n", OptionalInt.empty(), 0, "", "", "", "", new TreeMap<>()),
            new ResultRow(
                "a", "v", -2, "s", "m", OptionalInt.empty(), 0, "", "", "", "", new TreeMap<>()));
    List<String> keys =
        dataLines(ResultsCsv.format(rows)).stream()
            .map(l -> String.join("|", List.of(l.split(",")).subList(0, 5)))
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            "a|v|-2|s|m",
            "a|v|-2|s|n",
            "a|v|-2|t|m",
            "a|v|9|s|m",
            "a|v|10|s|m",
            "a|w|1|s|m",
            "b|v|1|s|m"),
        keys);
  }

  @Test
  void outputDoesNotDependOnInputOrder() {
    List<ResultRow> rows = goldenRows();
    List<ResultRow> reversed = new ArrayList<>(rows);
    java.util.Collections.reverse(reversed);
    assertEquals(ResultsCsv.format(rows), ResultsCsv.format(reversed));
  }

  // ---------------------------------------------------------------- params columns

  @Test
  void paramColumnsAreTheSortedUnionWithEmptyCellsForMissingParams() {
    List<ResultRow> rows =
        List.of(
            row("a", 1, "s", "m", OptionalInt.empty(), 1, "", params("zeta", "1", "alpha", "x")),
            row("b", 1, "s", "m", OptionalInt.empty(), 2, "", params("mid", "y")),
            row("c", 1, "s", "m", OptionalInt.empty(), 3, "", Map.of()));
    String[] lines = ResultsCsv.format(rows).split("\n");
    assertEquals(HEADER + ",param:alpha,param:mid,param:zeta", lines[0]);
    assertTrue(
        lines[1].endsWith(",1.0,,r0123456789abcdef,c89abcdef,0.1.0-SNAPSHOT+abc1234,x,,1"),
        lines[1]);
    assertTrue(lines[2].endsWith(",0.1.0-SNAPSHOT+abc1234,,y,"), lines[2]);
    assertTrue(lines[3].endsWith(",0.1.0-SNAPSHOT+abc1234,,,"), lines[3]);
  }

  @Test
  void noParamsMeansNoParamColumns() {
    assertEquals(HEADER, ResultsCsv.format(List.of(scalar("m", 1))).split("\n")[0]);
  }

  @Test
  void paramsReadBackPerRow() {
    List<ResultRow> rows =
        List.of(
            row("a", 1, "s", "m", OptionalInt.empty(), 1, "", params("zeta", "1", "alpha", "x")),
            row("b", 1, "s", "m", OptionalInt.empty(), 2, "", params("mid", "y")),
            row("c", 1, "s", "m", OptionalInt.empty(), 3, "", Map.of()));
    Path file = dir.resolve("results.csv");
    ResultsCsv.write(file, rows);
    List<ResultRow> back = ResultsCsv.read(file);
    assertEquals(rows, back);
    assertEquals(params("mid", "y"), back.get(1).params());
    assertTrue(back.get(2).params().isEmpty());
  }

  // ---------------------------------------------------------------- corrupt files

  private UserFacingException readError(String text) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, text);
    return assertThrows(UserFacingException.class, () -> ResultsCsv.read(file));
  }

  private static void assertMentions(Throwable e, String... parts) {
    for (String p : parts) {
      assertTrue(
          e.getMessage().contains(p), "message \"" + e.getMessage() + "\" should mention " + p);
    }
  }

  private static final String GOOD_LINE = "e,v,1,s,m,,1.0,u,r,c,w\n";

  @Test
  void missingFixedColumnIsReportedWithFileAndLine() throws IOException {
    UserFacingException e =
        readError("experiment,variant,seed,stage,metric,timestep,unit,run_id\n");
    assertMentions(e, "bad.csv", "line 1", "value", "config_hash", "workbench_version");
  }

  @Test
  void malformedValueIsReportedWithFileLineAndColumn() throws IOException {
    UserFacingException e = readError(HEADER + "\n" + GOOD_LINE + "e,v,1,s,m2,,\"0,5\",u,r,c,w\n");
    assertMentions(e, "bad.csv", "line 3", "column 7 (value)", "0,5");
  }

  @Test
  void localeFormattedOrSuffixedNumbersAreRejected() throws IOException {
    for (String bad :
        new String[] {"٠٫٥", "0.5f", "1d", " 1.0", "0x1p3", "", "nan", "inf", "1.0.0"}) {
      UserFacingException e = readError(HEADER + "\ne,v,1,s,m,,\"" + bad + "\",u,r,c,w\n");
      assertMentions(e, "line 2", "column 7 (value)");
    }
  }

  @Test
  void malformedSeedIsReported() throws IOException {
    for (String bad : new String[] {"١٢", "1.0", "", "99999999999999999999", "+-1"}) {
      UserFacingException e = readError(HEADER + "\ne,v," + bad + ",s,m,,1.0,u,r,c,w\n");
      assertMentions(e, "bad.csv", "line 2", "column 3 (seed)");
    }
  }

  @Test
  void malformedTimestepIsReported() throws IOException {
    for (String bad : new String[] {"1.5", "x", "3000000000", "१"}) {
      UserFacingException e = readError(HEADER + "\ne,v,1,s,m," + bad + ",1.0,u,r,c,w\n");
      assertMentions(e, "bad.csv", "line 2", "column 6 (timestep)");
    }
  }

  @Test
  void wrongCellCountIsReported() throws IOException {
    assertMentions(
        readError(HEADER + "\n" + GOOD_LINE + "e,v,1,s,m,,1.0,u\n"),
        "bad.csv",
        "line 3",
        "8 cells",
        "11");
    assertMentions(readError(HEADER + "\n\n"), "bad.csv", "line 2");
  }

  @Test
  void unknownAndDuplicateColumnsAreReported() throws IOException {
    assertMentions(readError(HEADER + ",parm:x\n"), "bad.csv", "line 1", "column 12", "parm:x");
    assertMentions(readError(HEADER + ",value\n"), "bad.csv", "line 1", "duplicate", "value");
  }

  @Test
  void emptyFileIsReported() throws IOException {
    assertMentions(readError(""), "bad.csv", "empty");
  }

  @Test
  void unbalancedQuoteIsReported() throws IOException {
    assertMentions(
        readError(HEADER + "\n" + GOOD_LINE + "\"e,v,1,s,m,,1.0,u,r,c,w\n"),
        "bad.csv",
        "line 3",
        "malformed CSV");
  }

  @Test
  void missingFileIsAUserFacingError() {
    Path missing = dir.resolve("nope/results.csv");
    UserFacingException e = assertThrows(UserFacingException.class, () -> ResultsCsv.read(missing));
    assertMentions(e, missing.toString());
  }

  @Test
  void nonUtf8FileIsAUserFacingError() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(
        file, (HEADER + "\ne,v,1,s,m,,1.0,\u00b5J,r,c,w\n").getBytes(StandardCharsets.ISO_8859_1));
    assertMentions(
        assertThrows(UserFacingException.class, () -> ResultsCsv.read(file)),
        "latin1.csv",
        "UTF-8");
  }
}
