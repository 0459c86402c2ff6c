package org.bsnn.api.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** I/O errors in words, without the JDK's exception class names. */
class IoErrorsTest {

  @TempDir Path dir;

  @Test
  void fileSystemErrorsSayWhatWentWrongAndWhere() {
    assertEquals(
        "permission denied: /results/runs",
        IoErrors.describe(new AccessDeniedException("/results/runs")));
    assertEquals("not found: /x", IoErrors.describe(new NoSuchFileException("/x")));
    assertEquals(
        "not a directory: /etc/passwd/runs",
        IoErrors.describe(new FileSystemException("/etc/passwd/runs", null, "Not a directory")));
    assertEquals(
        "no space left on device: /r/a -> /r/b",
        IoErrors.describe(new FileSystemException("/r/a", "/r/b", "No space left on device")));
    assertEquals("not UTF-8 text", IoErrors.describe(new MalformedInputException(1)));
    assertEquals("disk on fire", IoErrors.describe(new IOException("disk on fire")));
  }

  @Test
  void atomicWritesUnderAFileNameTheReasonWithoutClassNames() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    UserFacingException e =
        assertThrows(
            UserFacingException.class,
            () -> AtomicFiles.writeString(file.resolve("sub").resolve("out.txt"), "y"));
    assertTrue(e.getMessage().startsWith("cannot write " + file.resolve("sub")), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }
}
