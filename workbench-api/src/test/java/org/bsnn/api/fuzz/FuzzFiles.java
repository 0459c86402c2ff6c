package org.bsnn.api.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scratch files for fuzz targets whose parser reads a path: each input is written to one reused
 * file in a per-JVM temporary folder (a fuzzer calls the target millions of times, so a fresh
 * temporary folder per call would only measure the file system).
 */
public final class FuzzFiles {

  private static final Path DIR = createDir();

  private FuzzFiles() {}

  /** Writes {@code data} to the scratch file {@code name} and returns its path. */
  public static Path write(String name, byte[] data) {
    try {
      return Files.write(DIR.resolve(name), data);
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
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
