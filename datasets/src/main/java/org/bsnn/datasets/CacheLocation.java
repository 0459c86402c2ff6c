package org.bsnn.datasets;

import java.nio.file.Path;

/**
 * Where dataset files live: {@code <repo>/datasets/cache/<dataset id>/}. The repository root is the
 * system property {@code bsnn.home} when set (the launcher and the test set it), else the current
 * working directory; a non-empty {@code cacheDir} config value replaces the whole {@code
 * <repo>/datasets/cache} part (a relative one is resolved against the repository root, as are all
 * relative paths in dataset configs).
 */
public final class CacheLocation {

  /** System property naming the workbench's repository root. */
  public static final String HOME_PROPERTY = "bsnn.home";

  private CacheLocation() {}

  /** The repository root: {@code bsnn.home} when set, else the working directory. */
  public static Path repoRoot() {
    String home = System.getProperty(HOME_PROPERTY);
    Path repo = home != null && !home.isBlank() ? Path.of(home) : Path.of("");
    return repo.toAbsolutePath().normalize();
  }

  /** A user-given path: absolute as is, relative to the repository root otherwise. */
  public static Path resolve(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p.normalize() : repoRoot().resolve(p).normalize();
  }

  /** The cache root: {@code cacheDir} when non-blank, else {@code <repo>/datasets/cache}. */
  public static Path root(String cacheDir) {
    if (cacheDir != null && !cacheDir.isBlank()) {
      return resolve(cacheDir);
    }
    return repoRoot().resolve("datasets").resolve("cache");
  }

  /** The folder of one dataset inside the cache root. */
  public static Path of(String cacheDir, String datasetId) {
    return root(cacheDir).resolve(datasetId);
  }
}
