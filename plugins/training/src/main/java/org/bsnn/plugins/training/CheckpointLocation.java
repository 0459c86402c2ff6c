package org.bsnn.plugins.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bsnn.api.util.UserFacingException;

/**
 * Finds the saved network a {@code checkpoint} path names: the directory itself when it holds
 * {@code network.json}; a job directory's {@code network/} (where the runner saves each job's ANN);
 * or, for a run directory, the one job's {@code jobs/<n>/network/}.
 */
final class CheckpointLocation {

  /** The system property with the checkout root, as the launcher sets it. */
  static final String HOME_PROPERTY = "bsnn.home";

  private CheckpointLocation() {}

  /**
   * Resolves {@code path} (relative to {@code bsnn.home} when set, else the working directory).
   *
   * @return the directory that holds {@code network.json}
   * @throws UserFacingException naming the path and what was looked for, or the jobs to choose from
   */
  static Path resolve(String path) {
    if (path.isBlank()) {
      throw new UserFacingException(
          "the checkpoint trainer needs train.path: a directory with network.json, a "
              + "job directory or a run directory");
    }
    Path given = Path.of(path);
    String home = System.getProperty(HOME_PROPERTY);
    Path dir =
        given.isAbsolute() || home == null || home.isBlank() ? given : Path.of(home).resolve(given);
    dir = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new UserFacingException("checkpoint path " + dir + " is not a directory");
    }
    if (Files.isRegularFile(dir.resolve("network.json"))) {
      return dir;
    }
    if (Files.isRegularFile(dir.resolve("network").resolve("network.json"))) {
      return dir.resolve("network");
    }
    Path jobs = dir.resolve("jobs");
    if (Files.isDirectory(jobs)) {
      List<Path> saved = jobsWithNetworks(jobs);
      if (saved.size() == 1) {
        return saved.get(0).resolve("network");
      }
      if (saved.size() > 1) {
        throw new UserFacingException(
            "checkpoint path "
                + dir
                + " is a run with "
                + saved.size()
                + " jobs; name one: "
                + saved.stream().map(p -> p.getFileName().toString()).toList()
                + " (e.g. "
                + path
                + "/jobs/"
                + saved.get(0).getFileName()
                + ")");
      }
    }
    throw new UserFacingException(
        "checkpoint path "
            + dir
            + " holds no saved network: looked for network.json, "
            + "network/network.json and jobs/<n>/network/network.json");
  }

  private static List<Path> jobsWithNetworks(Path jobs) {
    try (Stream<Path> list = Files.list(jobs)) {
      return list.filter(j -> Files.isRegularFile(j.resolve("network").resolve("network.json")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + jobs, e);
    }
  }
}
