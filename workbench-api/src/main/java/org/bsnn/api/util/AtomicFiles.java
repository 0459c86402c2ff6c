package org.bsnn.api.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that readers see either the old content or the complete new content, never a
 * half-written file: write to a temporary file in the same directory, then rename over the target.
 */
public final class AtomicFiles {

  /** Writes the body of a file. */
  @FunctionalInterface
  public interface Body {
    /** Writes the content to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Atomically replaces {@code target} with what {@code body} writes. */
  public static void write(Path target, Body body) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        body.writeTo(out);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UserFacingException("cannot write " + target + ": " + IoErrors.describe(e), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary name starts with '.', so it never looks like a result
        }
      }
    }
  }

  /**
   * Deletes what writers killed mid-write left directly in {@code dir}: the temporary files of
   * {@link #write} ({@code .NAME…tmp}) and the temporary folders of {@code NetworkIO.save} ({@code
   * .NAME.tmp-UUID}). Only for folders no other process writes to at the same time (a run folder
   * under its lock), since a live writer's temporary entry looks the same.
   *
   * @return how many entries were deleted (0 when {@code dir} does not exist)
   */
  public static int removeLeftovers(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") && (name.endsWith(".tmp") || name.contains(".tmp-"))) {
          deleteTree(p);
          removed++;
        }
      }
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot clean up temporary files in " + dir + ": " + IoErrors.describe(e), e);
    }
    return removed;
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (java.util.stream.Stream<Path> children = Files.list(p)) {
        for (Path c : children.toList()) {
          deleteTree(c);
        }
      }
    }
    Files.deleteIfExists(p);
  }

  /** Atomically replaces {@code target} with UTF-8 text. */
  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Reads a UTF-8 file, turning I/O errors into unchecked ones. */
  public static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
