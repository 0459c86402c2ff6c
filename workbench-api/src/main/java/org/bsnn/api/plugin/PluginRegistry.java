package org.bsnn.api.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.bsnn.api.stage.Stage;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.UserFacingException;

/**
 * All plugins on the class path, indexed by stage and id. Duplicate ids within a stage are a
 * start-up error (two jars would otherwise race for the same YAML name); an unknown id is an error
 * listing the known ids of that stage.
 */
public final class PluginRegistry {

  private final Map<StageKind, Map<String, PluginProvider<?, ?>>> byStage = new LinkedHashMap<>();

  /** Builds a registry from the given providers. */
  public PluginRegistry(Iterable<? extends PluginProvider<?, ?>> providers) {
    for (StageKind kind : StageKind.values()) {
      byStage.put(kind, new LinkedHashMap<>());
    }
    for (PluginProvider<?, ?> p : providers) {
      StageKind kind = StageKind.of(p.stage());
      PluginProvider<?, ?> previous = byStage.get(kind).putIfAbsent(p.id(), p);
      if (previous != null) {
        throw new IllegalStateException(
            "duplicate plugin id '" + p.id() + "' for stage " + kind.group() + ": "
                + previous.getClass().getName() + " and " + p.getClass().getName()
                + "; remove one of them from the class path or rename its id()");
      }
    }
  }

  /** Discovers providers with {@link ServiceLoader} on the context class loader. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static PluginRegistry discover() {
    List<PluginProvider<?, ?>> found = new ArrayList<>();
    for (PluginProvider p : ServiceLoader.load(PluginProvider.class)) {
      found.add(p);
    }
    return new PluginRegistry(found);
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
          "unknown " + kind.group() + " plugin '" + id + "'; known " + kind.group() + " plugins: "
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
      byStage.get(kind).values().stream().sorted(Comparator.comparing(PluginProvider::id)).forEach(out::add);
    }
    return out;
  }

  /** Creates a stage instance from a provider and an already-bound config. */
  @SuppressWarnings("unchecked")
  public static <S extends Stage, C extends Record> S create(PluginProvider<S, C> provider, Record config) {
    return provider.create((C) provider.configType().cast(config));
  }
}
