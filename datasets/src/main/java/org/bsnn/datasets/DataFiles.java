package org.bsnn.datasets;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.run.RunLog;

/** File helpers for fetching: temporary folders, atomic installs into the cache, logging. */
public final class DataFiles {

  private DataFiles() {}

  /** A fresh temporary folder inside {@code dir} (same file system, so installs are renames). */
  public static Path tempDir(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.createTempDirectory(dir, ".fetch-");
    } catch (IOException e) {
      throw new DataUnavailableException(
          "cannot create a temporary folder in "
              + dir
              + ": "
              + org.bsnn.api.util.IoErrors.describe(e),
          e);
    }
  }

  /** Copies {@code source} to {@code target} so that readers never see a half-written file. */
  public static void installCopy(Path source, Path target) {
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      move(tmp, target);
      tmp = null;
    } catch (IOException e) {
      throw new DataUnavailableException(
          "cannot copy " + source + " to " + target + ": " + org.bsnn.api.util.IoErrors.describe(e),
          e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Moves a file into place, atomically where the file system allows. */
  public static void move(Path source, Path target) throws IOException {
    try {
      Files.move(
          source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a file or a folder tree; ignores what cannot be deleted. */
  public static void deleteQuietly(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException ignored) {
      // best effort: temporary names start with '.', so leftovers never look like data
    }
  }

  /** The context's log, or standard error when fetching without a run (the CLI's data command). */
  public static RunLog log(RunContext context) {
    if (context != null) {
      return context.log();
    }
    return new RunLog() {
      @Override
      public void info(String message) {
        System.err.println(message);
      }

      @Override
      public void warn(String message) {
        System.err.println("WARNING: " + message);
      }
    };
  }
}
