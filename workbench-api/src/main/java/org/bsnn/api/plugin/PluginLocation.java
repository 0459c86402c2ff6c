package org.bsnn.api.plugin;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where a plugin's classes were loaded from: the jar file or class folder of its {@link
 * java.security.ProtectionDomain}'s code source. Used to say which jar a plugin (or a broken
 * plugin) comes from.
 */
public final class PluginLocation {
  private PluginLocation() {}

  /**
   * The jar or class folder {@code type} was loaded from; empty for JDK classes or unusual loaders.
   */
  public static Optional<Path> of(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null ? Optional.empty() : toPath(source.getLocation());
  }

  /** {@link #of} as text for messages: the path, or "the class path" when it is unknown. */
  public static String describe(Class<?> type) {
    return of(type).map(Path::toString).orElse("the class path");
  }

  /**
   * The jar or folder holding a resource: {@code jar:file:/a/b.jar!/META-INF/...} gives {@code
   * /a/b.jar}; {@code file:/a/classes/META-INF/services/X} with {@code resource}
   * "META-INF/services/X" gives {@code /a/classes}.
   */
  static Optional<Path> containing(URL url, String resource) {
    String text = url.toString();
    if (text.startsWith("jar:")) {
      int bang = text.indexOf("!/");
      try {
        return toPath(new URL(text.substring(4, bang < 0 ? text.length() : bang)));
      } catch (java.net.MalformedURLException e) {
        return Optional.empty();
      }
    }
    Optional<Path> file = toPath(url);
    if (file.isEmpty()) {
      return file;
    }
    Path root = file.get();
    for (int i = Path.of(resource).getNameCount(); i > 0 && root != null; i--) {
      root = root.getParent();
    }
    return Optional.ofNullable(root);
  }

  private static Optional<Path> toPath(URL url) {
    if (url == null || !"file".equals(url.getProtocol())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(url.toURI()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
