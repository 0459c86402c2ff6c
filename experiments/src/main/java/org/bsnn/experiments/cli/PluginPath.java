package org.bsnn.experiments.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.bsnn.api.util.UserFacingException;

/**
 * Plugin jars from outside the repository, in this order: every {@code *.jar} in {@code plugins.d/}
 * of the workbench, then the entries of the environment variable {@code BSNN_PLUGIN_PATH}, then
 * those of {@code --plugin-path}. An entry is a jar or a folder of jars; entries are separated by
 * the platform's path separator (':' on Linux and macOS). The jars are loaded by one class loader
 * on top of the workbench's own class path, so a plugin jar needs only its own classes and a
 * services file; the workbench API comes from the workbench.
 *
 * @param jars the jars found, each with where it was named
 */
public record PluginPath(List<Jar> jars) {

  /** The environment variable read for plugin jars and folders. */
  public static final String ENV = "BSNN_PLUGIN_PATH";

  /** The folder of the workbench whose jars are always read. */
  public static final String FOLDER = "plugins.d";

  /**
   * One jar of the plugin path.
   *
   * @param file the jar, absolute and normalised
   * @param from where it was named: "plugins.d", "BSNN_PLUGIN_PATH" or "--plugin-path"
   */
  public record Jar(Path file, String from) {}

  /** Copies the list. */
  public PluginPath {
    jars = List.copyOf(jars);
  }

  /**
   * Finds the jars.
   *
   * @param home the workbench checkout (its {@code plugins.d/} is read when present)
   * @param env the value of {@code BSNN_PLUGIN_PATH}, or null
   * @param option the values of {@code --plugin-path}
   * @throws UserFacingException for an entry that does not exist, a file that is not a jar, or a
   *     jar that cannot be read
   */
  public static PluginPath resolve(Path home, String env, List<String> option) {
    List<Jar> jars = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    Path folder = home.resolve(FOLDER);
    if (Files.isDirectory(folder)) {
      addFolder(folder, FOLDER, jars, seen);
    }
    for (String entry : split(env)) {
      add(Path.of(entry), ENV, jars, seen);
    }
    for (String value : option) {
      for (String entry : split(value)) {
        add(Path.of(entry), "--plugin-path", jars, seen);
      }
    }
    return new PluginPath(jars);
  }

  /**
   * A class loader that sees the workbench ({@code parent}) and these jars; {@code parent} itself
   * when there are none.
   */
  public ClassLoader loader(ClassLoader parent) {
    if (jars.isEmpty()) {
      return parent;
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).file().toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e); // a file path always makes a URL
      }
    }
    return new URLClassLoader("bsnn-plugin-path", urls, parent);
  }

  /** The plugin path jar at {@code location}, if it is one. */
  public Optional<Jar> jarAt(Path location) {
    Path normal = location.toAbsolutePath().normalize();
    return jars.stream().filter(j -> j.file().equals(normal)).findFirst();
  }

  private static List<String> split(String value) {
    if (value == null) {
      return List.of();
    }
    return Stream.of(value.split(File.pathSeparator))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static void add(Path entry, String from, List<Jar> jars, Set<Path> seen) {
    if (Files.isDirectory(entry)) {
      addFolder(entry, from, jars, seen);
    } else if (Files.isRegularFile(entry)) {
      addJar(entry, from, jars, seen);
    } else {
      throw new UserFacingException(
          "plugin path entry '"
              + entry
              + "' (from "
              + from
              + ") does not exist; give a plugin jar or a folder of jars");
    }
  }

  private static void addFolder(Path folder, String from, List<Jar> jars, Set<Path> seen) {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path jar :
          files
              .filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
              .sorted()
              .toList()) {
        addJar(jar, from, jars, seen);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the plugin folder " + folder, e);
    }
  }

  private static void addJar(Path file, String from, List<Jar> jars, Set<Path> seen) {
    Path normal = file.toAbsolutePath().normalize();
    if (!normal.getFileName().toString().endsWith(".jar")) {
      throw new UserFacingException(
          "plugin path entry '"
              + file
              + "' (from "
              + from
              + ") is not a jar; give a plugin jar (*.jar) or a folder of jars");
    }
    try {
      new JarFile(normal.toFile())
          .close(); // a readable jar? checked before any class is loaded from it
    } catch (IOException e) {
      throw new UserFacingException(
          "plugin jar "
              + normal
              + " (from "
              + from
              + ") cannot be read as a jar ("
              + e.getMessage()
              + "); rebuild it or remove it from the plugin path",
          e);
    }
    if (seen.add(normal)) {
      jars.add(new Jar(normal, from));
    }
  }
}
