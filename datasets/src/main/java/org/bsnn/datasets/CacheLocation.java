package org.bsnn.datasets;

import java.nio.file.Path;

/**
 * Where dataset files live: {@code <repo>/datasets/cache/<dataset id>/}. The repository root is the
 * system property {@code bsnn.home} when set (the launcher and the test set it), else the current
 * working directory; a non-empty {@code cacheDir} config value replaces the whole
 * {@code <repo>/datasets/cache} part.
 */
public final class CacheLocation {

  /** System property naming the workbench's repository root. */
  public static final String HOME_PROPERTY = "bsnn.home";

  private CacheLocation() {}

  /** The cache root: {@code cacheDir} when non-blank, else {@code <repo>/datasets/cache}. */
  public static Path root(String cacheDir) {
    if (cacheDir != null && !cacheDir.isBlank()) {
      return Path.of(cacheDir).toAbsolutePath().normalize();
    }
    String home = System.getProperty(HOME_PROPERTY);
    Path repo = home != null && !home.isBlank() ? Path.of(home) : Path.of("");
    return repo.toAbsolutePath().resolve("datasets").resolve("cache").normalize();
  }

  /** The folder of one dataset inside the cache root. */
  public static Path of(String cacheDir, String datasetId) {
    return root(cacheDir).resolve(datasetId);
  }
}
