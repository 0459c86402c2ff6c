package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsInputTest {

  @TempDir Path tmp;

  @Test
  void readsFilesAndRunDirectories() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    ResultsCsv.write(run.resolve("results.csv"), TestRows.headline());
    Path other = tmp.resolve("sweep.csv");
    ResultsCsv.write(other, TestRows.percentileSweep());
    ResultsInput in = ResultsInput.load(List.of(run, other));
    assertEquals(TestRows.headline().size() + TestRows.percentileSweep().size(), in.rows().size());
    assertEquals(List.of(run.resolve("results.csv"), other), in.csvFiles());
    assertTrue(in.singleRunDir().isEmpty());
    assertEquals(run.toAbsolutePath(), ResultsInput.load(List.of(run)).singleRunDir().get());
  }

  @Test
  void missingPathDirectoryWithoutCsvAndNoInputAreUserErrors() throws Exception {
    UserFacingException missing =
        assertThrows(
            UserFacingException.class, () -> ResultsInput.load(List.of(tmp.resolve("nope"))));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    UserFacingException noCsv =
        assertThrows(UserFacingException.class, () -> ResultsInput.load(List.of(empty)));
    assertTrue(noCsv.getMessage().contains("has no results.csv"), noCsv.getMessage());
    assertThrows(UserFacingException.class, () -> ResultsInput.load(List.of()));
  }

  @Test
  void theSameRowTwiceIsAnError() throws Exception {
    Path a = tmp.resolve("a.csv");
    Path b = tmp.resolve("b.csv");
    ResultsCsv.write(a, TestRows.headline());
    ResultsCsv.write(b, TestRows.headline());
    UserFacingException e =
        assertThrows(UserFacingException.class, () -> ResultsInput.load(List.of(a, b)));
    assertTrue(
        e.getMessage().contains("both hold") && e.getMessage().contains("give each run once"),
        e.getMessage());
  }
}
