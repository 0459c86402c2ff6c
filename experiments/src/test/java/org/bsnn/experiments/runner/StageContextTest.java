package org.bsnn.experiments.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage's folders: the cache is optional (a warning), the work folder is not (an error). */
class StageContextTest {

  @TempDir Path dir;

  @Test
  void anUncreatableCacheWarnsOnceAndAnUncreatableWorkFolderIsAClearError() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ConsoleLog log = new ConsoleLog(new PrintStream(console, true), Clock.systemUTC());
    StageContext context =
        new StageContext(
            0,
            "train",
            "sgd",
            file.resolve("work"),
            file.resolve("cache"),
            log,
            (task, total) -> null,
            "");
    assertEquals(file.resolve("cache"), context.cacheDir());
    assertEquals(file.resolve("cache"), context.cacheDir());
    String said = console.toString(StandardCharsets.UTF_8);
    assertEquals(1, said.lines().count(), said);
    assertTrue(
        said.startsWith("WARNING: cannot create the cache folder " + file.resolve("cache")), said);
    assertTrue(said.contains("continuing without the cache"), said);
    UserFacingException e = assertThrows(UserFacingException.class, context::workDir);
    assertTrue(e.getMessage().contains("cannot create the work folder"), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }
}
