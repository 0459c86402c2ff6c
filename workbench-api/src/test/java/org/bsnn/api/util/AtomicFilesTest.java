package org.bsnn.api.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes, and the clean-up of what a killed writer left. */
class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writeReplacesTheTargetAndLeavesNoTemporaryFile() throws Exception {
    AtomicFiles.writeString(dir.resolve("results.csv"), "a\n");
    AtomicFiles.writeString(dir.resolve("results.csv"), "b\n");
    assertEquals("b\n", Files.readString(dir.resolve("results.csv")));
    try (var entries = Files.list(dir)) {
      assertEquals(1, entries.count());
    }
  }

  @Test
  void removeLeftoversDeletesTheTemporaryEntriesOfKilledWritersOnly() throws Exception {
    // as a kill -9 inside AtomicFiles.write and inside NetworkIO.save would leave them
    Files.writeString(dir.resolve(".results.csv8123456.tmp"), "half");
    Path network = Files.createDirectories(dir.resolve(".network.tmp-0a1b/tensors"));
    Files.writeString(network.resolve("w.npy"), "x");
    // what a job keeps
    Files.writeString(dir.resolve("results.csv"), "rows");
    Files.createDirectories(dir.resolve("network/tensors"));
    Files.writeString(dir.resolve(".hidden"), "not ours");
    Files.writeString(dir.resolve("notes.tmp"), "not hidden: not ours");

    assertEquals(2, AtomicFiles.removeLeftovers(dir));

    assertFalse(Files.exists(dir.resolve(".results.csv8123456.tmp")));
    assertFalse(Files.exists(dir.resolve(".network.tmp-0a1b")));
    assertTrue(Files.isRegularFile(dir.resolve("results.csv")));
    assertTrue(Files.isDirectory(dir.resolve("network/tensors")));
    assertTrue(Files.isRegularFile(dir.resolve(".hidden")));
    assertTrue(Files.isRegularFile(dir.resolve("notes.tmp")));
    assertEquals(0, AtomicFiles.removeLeftovers(dir.resolve("missing")));
  }
}
