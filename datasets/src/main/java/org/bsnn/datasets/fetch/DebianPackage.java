package org.bsnn.datasets.fetch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.run.RunLog;

/**
 * Downloads a Debian package without installing it and without root: {@code apt-get download
 * <package>} (writes the .deb into the working folder) then {@code dpkg-deb -x <deb> <folder>}.
 */
public final class DebianPackage {

  private static final long TIMEOUT_S = 600;

  private DebianPackage() {}

  /**
   * Downloads and extracts {@code pkg} inside {@code workDir}.
   *
   * @param alternative what the user can do instead, appended to error messages
   * @return the folder the package was extracted into (its {@code usr/...} tree)
   */
  public static Path downloadAndExtract(String pkg, Path workDir, RunLog log, String alternative) {
    return downloadAndExtract("apt-get", "dpkg-deb", pkg, workDir, log, alternative);
  }

  /**
   * As {@link #downloadAndExtract(String, Path, RunLog, String)} with the programs named (tests).
   */
  static Path downloadAndExtract(
      String aptGet, String dpkgDeb, String pkg, Path workDir, RunLog log, String alternative) {
    log.info("running apt-get download " + pkg + " in " + workDir);
    Command.Result dl;
    try {
      dl = Command.run(workDir, TIMEOUT_S, Map.of(), List.of(aptGet, "download", pkg));
    } catch (Command.NotFound e) {
      throw new DataUnavailableException(
          "cannot download the Debian package " + pkg + ": " + e.getMessage() + ". " + alternative,
          e);
    }
    if (!dl.ok() && missingLists(dl.output()) && "root".equals(System.getProperty("user.name"))) {
      // a fresh machine often has no apt lists; as root we can refresh them ourselves, once
      log.info("apt knows no package " + pkg + "; running apt-get update (as root) and retrying");
      try {
        if (Command.run(workDir, TIMEOUT_S, Map.of(), List.of(aptGet, "update", "-qq")).ok()) {
          dl = Command.run(workDir, TIMEOUT_S, Map.of(), List.of(aptGet, "download", pkg));
        }
      } catch (Command.NotFound e) {
        // the first call found apt-get; keep the original failure for the message below
      }
    }
    if (!dl.ok()) {
      String out = dl.output();
      boolean noLists = missingLists(out);
      String why =
          noLists
              ? "apt knows no package "
                  + pkg
                  + ": the package lists are missing or stale. Run `apt-get update` "
                  + "(as root, e.g. `sudo apt-get update`), then fetch again."
              : "check the network connection and the apt sources; if apt reports missing lists, run "
                  + "`apt-get update` as root.";
      throw new DataUnavailableException(
          "`"
              + dl.command()
              + "` failed (exit "
              + dl.exitCode()
              + "): "
              + dl.tail(4)
              + "\n"
              + why
              + " "
              + alternative);
    }
    Path deb = findDeb(workDir, pkg);
    Path root = workDir.resolve("extracted");
    Command.Result x;
    try {
      x =
          Command.run(
              workDir,
              TIMEOUT_S,
              Map.of(),
              List.of(dpkgDeb, "-x", deb.toString(), root.toString()));
    } catch (Command.NotFound e) {
      throw new DataUnavailableException(
          "cannot extract " + deb + ": " + e.getMessage() + ". " + alternative, e);
    }
    if (!x.ok()) {
      throw new DataUnavailableException(
          "`"
              + x.command()
              + "` failed (exit "
              + x.exitCode()
              + "): "
              + x.tail(4)
              + ". "
              + alternative);
    }
    return root;
  }

  private static Path findDeb(Path dir, String pkg) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, pkg + "_*.deb")) {
      for (Path p : ds) {
        return p;
      }
    } catch (IOException e) {
      throw new DataUnavailableException(
          "cannot list " + dir + ": " + org.bsnn.api.util.IoErrors.describe(e), e);
    }
    throw new DataUnavailableException(
        "apt-get download " + pkg + " reported success but wrote no .deb into " + dir);
  }

  /** Whether apt's output says it does not know the package (lists missing or stale). */
  private static boolean missingLists(String out) {
    return out.contains("Unable to locate package")
        || out.contains("has no installation candidate")
        || out.contains("Can't select candidate")
        || out.contains("Can't select versions");
  }
}
