package org.bsnn.api.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Scratch files for fuzz targets whose parser reads a path: each input is written to one reused
 * file in a per-JVM temporary folder (a fuzzer calls the target millions of times, so a fresh
 * temporary folder per call would only measure the file system). The folder is deleted when the JVM
 * exits.
 */
public final class FuzzFiles {

  private static final Path DIR = createDir();

  private FuzzFiles() {}

  /** Writes {@code data} to the scratch file {@code name} and returns its path. */
  public static Path write(String name, byte[] data) {
    try {
      Path file = DIR.resolve(name);
      Files.createDirectories(file.getParent());
      return Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A scratch folder {@code name}, created empty if needed (for parsers that read a folder). */
  public static Path dir(String name) {
    try {
      return Files.createDirectories(DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path createDir() {
    try {
      Path dir = Files.createTempDirectory("bsnn-fuzz");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort at exit: a leftover scratch folder in the temporary directory does no harm
    }
  }
}
