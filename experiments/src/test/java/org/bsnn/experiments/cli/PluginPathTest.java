package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginPathTest {

  @TempDir Path home;

  private static Path jar(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        JarOutputStream jar = new JarOutputStream(out)) {
      jar.putNextEntry(new JarEntry("README"));
      jar.closeEntry();
    }
    return file;
  }

  @Test
  void pluginsFolderThenEnvironmentThenOptionEachJarOnce() throws IOException {
    Path b = jar(home.resolve("plugins.d/b.jar"));
    Path a = jar(home.resolve("plugins.d/a.jar"));
    Files.writeString(home.resolve("plugins.d/README.md"), "not a jar: ignored in a folder");
    Path lab = jar(home.resolve("lab/lab.jar"));
    Path other = jar(home.resolve("other/x.jar"));
    PluginPath path =
        PluginPath.resolve(
            home,
            lab + ":" + home.resolve("plugins.d") + "::",
            List.of(other.toString(), lab.toString()));
    assertEquals(
        List.of(
            new PluginPath.Jar(a, "plugins.d"),
            new PluginPath.Jar(b, "plugins.d"),
            new PluginPath.Jar(lab, "BSNN_PLUGIN_PATH"),
            new PluginPath.Jar(other, "--plugin-path")),
        path.jars());
    assertEquals(
        "lab.jar",
        path.jarAt(home.resolve("lab/../lab/lab.jar"))
            .orElseThrow()
            .file()
            .getFileName()
            .toString());
  }

  @Test
  void noJarsMeansTheWorkbenchLoaderItself() {
    PluginPath path = PluginPath.resolve(home, null, List.of());
    assertTrue(path.jars().isEmpty());
    ClassLoader parent = getClass().getClassLoader();
    assertSame(parent, path.loader(parent));
  }

  @Test
  void aMissingEntryANonJarAndACorruptJarAreUserErrors() throws IOException {
    UserFacingException missing =
        assertThrows(
            UserFacingException.class,
            () -> PluginPath.resolve(home, home.resolve("gone").toString(), List.of()));
    assertTrue(
        missing.getMessage().contains("(from BSNN_PLUGIN_PATH) does not exist"),
        missing.getMessage());
    Path corrupt = Files.writeString(home.resolve("corrupt.jar"), "not a zip");
    UserFacingException bad =
        assertThrows(
            UserFacingException.class,
            () -> PluginPath.resolve(home, null, List.of(corrupt.toString())));
    assertTrue(
        bad.getMessage().contains("corrupt.jar (from --plugin-path) cannot be read as a jar"),
        bad.getMessage());
  }
}
