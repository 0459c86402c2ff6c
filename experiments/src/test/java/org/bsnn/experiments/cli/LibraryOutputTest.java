package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LibraryOutputTest {

  private static String filtered(String... prints) {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    try (PrintStream out =
        new PrintStream(
            new LineDropFilter(target, LibraryOutput.SAMEDIFF_GRADIENT_LINE),
            true,
            StandardCharsets.UTF_8)) {
      for (String p : prints) {
        out.print(p);
        out.flush();
      }
    }
    return target.toString(StandardCharsets.UTF_8);
  }

  @Test
  void samediffsPerOpLinesAreDroppedAndEverythingElsePasses() {
    assertEquals(
        "results/runs/x/results.csv\nAdded\nadded differentiated op y\n",
        filtered(
            "Added differentiated op conv2d\n",
            "results/runs/x/results.csv\n",
            "Added differentiated op matmul_1\n",
            "Added\n",
            "added differentiated op y\n"));
  }

  @Test
  void linesArriveInPiecesAndNonAsciiTextIsUntouched() {
    assertEquals(
        "Accuracy ± 1 σ: 91 %\npartial",
        filtered("Acc", "uracy ± 1 σ: 9", "1 %\nAdded diff", "erentiated op x\n", "partial"));
  }

  @Test
  void aHeldStartOfALineIsWrittenWhenTheStreamEnds() throws IOException {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    LineDropFilter filter = new LineDropFilter(target, LibraryOutput.SAMEDIFF_GRADIENT_LINE);
    filter.write("Added d".getBytes(StandardCharsets.US_ASCII));
    filter.flush();
    assertEquals(
        "", target.toString(StandardCharsets.US_ASCII), "undecided until the line says more");
    filter.close();
    assertEquals("Added d", target.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void verboseShowsNd4jsInformationAndQuietOnlyItsWarnings() {
    assertEquals(
        "info", LibraryOutput.slf4jSettings(true).get("org.slf4j.simpleLogger.defaultLogLevel"));
    assertEquals(1, LibraryOutput.slf4jSettings(true).size(), "verbose changes nothing else");
    assertEquals(
        "warn", LibraryOutput.slf4jSettings(false).get("org.slf4j.simpleLogger.defaultLogLevel"));
    assertEquals(
        "error",
        LibraryOutput.slf4jSettings(false)
            .get("org.slf4j.simpleLogger.log.org.nd4j.imports.converters.ImportClassMapping"));
  }
}
