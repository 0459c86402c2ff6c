package org.bsnn.api.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.bsnn.api.stage.Stage;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.UserFacingException;

/**
 * All plugins a class loader sees, indexed by stage and id. A provider that cannot be loaded, and
 * duplicate ids within a stage, are start-up errors naming the jars involved (two jars would
 * otherwise race for the same YAML name); an unknown id is an error listing the known ids of that
 * stage.
 */
public final class PluginRegistry {

  private final Map<StageKind, Map<String, PluginProvider<?, ?>>> byStage = new LinkedHashMap<>();

  /**
   * Builds a registry from the given providers.
   *
   * @throws UserFacingException when two providers claim one id in one stage, or a provider's
   *     {@code id()} or {@code stage()} fails; the message names the jars involved
   */
  public PluginRegistry(Iterable<? extends PluginProvider<?, ?>> providers) {
    for (StageKind kind : StageKind.values()) {
      byStage.put(kind, new LinkedHashMap<>());
    }
    for (PluginProvider<?, ?> p : providers) {
      String id;
      StageKind kind;
      try {
        id = p.id();
        kind = StageKind.of(p.stage());
      } catch (RuntimeException | LinkageError e) {
        throw new UserFacingException(
            "plugin provider "
                + p.getClass().getName()
                + " in "
                + PluginLocation.describe(p.getClass())
                + " is broken: its id() or stage() failed"
                + reason(e)
                + "; fix or remove that jar",
            e);
      }
      PluginProvider<?, ?> previous = byStage.get(kind).putIfAbsent(id, p);
      if (previous != null) {
        throw new UserFacingException(
            "duplicate plugin id '"
                + id
                + "' for stage "
                + kind.group()
                + ": "
                + previous.getClass().getName()
                + " (in "
                + PluginLocation.describe(previous.getClass())
                + ") and "
                + p.getClass().getName()
                + " (in "
                + PluginLocation.describe(p.getClass())
                + ")"
                + "; remove one of them from the class path or plugin path, or rename its id()");
      }
    }
  }

  /** Discovers providers with {@link ServiceLoader} on the context class loader. */
  public static PluginRegistry discover() {
    return discover(Thread.currentThread().getContextClassLoader());
  }

  /**
   * Discovers the providers listed in {@code META-INF/services/org.bsnn.api.plugin.PluginProvider}
   * of every jar and folder {@code loader} sees, with {@link ServiceLoader}.
   *
   * @throws UserFacingException naming the jar when a listed provider cannot be loaded (class
   *     missing, a class it needs missing, not a provider, constructor failing), when two jars list
   *     the same provider, or when two providers claim one id
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static PluginRegistry discover(ClassLoader loader) {
    ServiceListing listing = ServiceListing.read(PluginProvider.class, loader);
    List<PluginProvider<?, ?>> found = new ArrayList<>();
    Iterator<PluginProvider> it = ServiceLoader.load(PluginProvider.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        String culprit = culprit(e, listing, found);
        throw new UserFacingException(
            culprit == null
                ? "a plugin provider on the class path or plugin path cannot be loaded"
                    + reason(e)
                    + "; check the jars in plugins.d, BSNN_PLUGIN_PATH and --plugin-path"
                : "cannot load plugin provider "
                    + culprit
                    + " listed in "
                    + listing.where(culprit)
                    + reason(e)
                    + "; fix or remove that jar",
            e);
      }
    }
    return new PluginRegistry(found);
  }

  /**
   * The provider class a loading error is about: the one its message names (the service loader's
   * messages read "Provider NAME not found" and the like), else the first listed class not yet
   * loaded (the loader goes through the listings in order).
   */
  private static String culprit(
      Throwable e, ServiceListing listing, List<PluginProvider<?, ?>> loaded) {
    String message = String.valueOf(e.getMessage());
    for (String name : listing.names()) {
      if (message.contains("Provider " + name + " ") || message.endsWith("Provider " + name)) {
        return name;
      }
    }
    Set<String> done = new HashSet<>();
    loaded.forEach(p -> done.add(p.getClass().getName()));
    return listing.names().stream().filter(n -> !done.contains(n)).findFirst().orElse(null);
  }

  /** Why loading failed, in words, without exception class names; starts with ": ". */
  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (e instanceof ServiceConfigurationError sce) {
      String text = String.valueOf(sce.getMessage());
      if (text.endsWith(" not found")) {
        return ": the class is not in the jar";
      }
      if (text.endsWith(" not a subtype")) {
        return ": the class does not implement " + PluginProvider.class.getName();
      }
      if (text.contains("no-arg constructor")) {
        return ": the class has no public constructor without arguments";
      }
      if (root == e) {
        String prefix = PluginProvider.class.getName() + ": ";
        return ": " + (text.startsWith(prefix) ? text.substring(prefix.length()) : text);
      }
    }
    if (root instanceof NoClassDefFoundError || root instanceof ClassNotFoundException) {
      return ": it needs class "
          + String.valueOf(root.getMessage()).replace('/', '.')
          + ", which is on neither the class path nor the plugin path (a dependency of the plugin missing?)";
    }
    String detail =
        root.getMessage() == null || root.getMessage().isBlank() ? "no message" : root.getMessage();
    return e instanceof ServiceConfigurationError
        ? ": its constructor failed (" + detail + ")"
        : ": " + detail;
  }

  /**
   * The provider of {@code id} for a stage.
   *
   * @throws UserFacingException naming the known ids when there is none
   */
  public PluginProvider<?, ?> get(StageKind kind, String id) {
    PluginProvider<?, ?> p = byStage.get(kind).get(id);
    if (p == null) {
      throw new UserFacingException(
          "unknown "
              + kind.group()
              + " plugin '"
              + id
              + "'; known "
              + kind.group()
              + " plugins: "
              + (ids(kind).isEmpty() ? "(none installed)" : String.join(", ", ids(kind))));
    }
    return p;
  }

  /** Known ids of a stage, sorted. */
  public List<String> ids(StageKind kind) {
    return byStage.get(kind).keySet().stream().sorted().toList();
  }

  /** Every provider, sorted by stage (template order) then id. */
  public List<PluginProvider<?, ?>> all() {
    List<PluginProvider<?, ?>> out = new ArrayList<>();
    for (StageKind kind : StageKind.values()) {
      byStage.get(kind).values().stream()
          .sorted(Comparator.comparing(PluginProvider::id))
          .forEach(out::add);
    }
    return out;
  }

  /** Creates a stage instance from a provider and an already-bound config. */
  @SuppressWarnings("unchecked")
  public static <S extends Stage, C extends Record> S create(
      PluginProvider<S, C> provider, Record config) {
    return provider.create((C) provider.configType().cast(config));
  }
}
