package org.bsnn.api.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.util.UserFacingException;

/**
 * The provider class names listed in every {@code META-INF/services} file of a service that a class
 * loader sees, each with the jar or folder that lists it. {@link java.util.ServiceLoader} reads the
 * same files; reading them here lets a loading error name the jar it came from.
 */
final class ServiceListing {

  private final Map<String, Optional<Path>> providers;

  private ServiceListing(Map<String, Optional<Path>> providers) {
    this.providers = providers;
  }

  /**
   * Reads the listings of {@code service} in {@code loader}'s class path order.
   *
   * @throws UserFacingException when one class is listed by two different jars or folders (the
   *     class loader would silently use the first copy only)
   */
  static ServiceListing read(Class<?> service, ClassLoader loader) {
    String resource = "META-INF/services/" + service.getName();
    Map<String, Optional<Path>> providers = new LinkedHashMap<>();
    try {
      Enumeration<URL> files = loader.getResources(resource);
      for (URL file : Collections.list(files)) {
        Optional<Path> where = PluginLocation.containing(file, resource);
        for (String name : classNames(file)) {
          Optional<Path> first = providers.putIfAbsent(name, where);
          if (first != null && !first.equals(where)) {
            throw new UserFacingException(
                "plugin provider "
                    + name
                    + " is listed by two jars: "
                    + describe(first)
                    + " and "
                    + describe(where)
                    + "; only one copy can be loaded: remove one of them from the class path or plugin path");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + resource, e);
    }
    return new ServiceListing(providers);
  }

  /** The listed class names, in loading order. */
  List<String> names() {
    return List.copyOf(providers.keySet());
  }

  /** The jar or folder that lists {@code className}, as text. */
  String where(String className) {
    return describe(providers.getOrDefault(className, Optional.empty()));
  }

  static String describe(Optional<Path> where) {
    return where.map(Path::toString).orElse("the class path");
  }

  /** Class names of one services file: one per line, '#' starts a comment. */
  private static List<String> classNames(URL file) throws IOException {
    List<String> names = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int hash = line.indexOf('#');
        String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
