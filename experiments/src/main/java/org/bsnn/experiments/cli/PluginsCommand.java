package org.bsnn.experiments.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bsnn plugins [--config ID]}: lists every plugin, or documents one plugin's config. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List installed plugins by stage, or show one plugin's config keys, defaults and documentation.")
public final class PluginsCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "ID", description = "Show the config of this plugin id (stage/id when ambiguous).")
  String config;

  @Override
  public Integer call() {
    PluginRegistry registry = PluginRegistry.discover();
    System.out.print(config == null ? table(registry.all()) : configOf(registry, config));
    return 0;
  }

  /** The plugin table: stage, id, version, description. */
  static String table(List<PluginProvider<?, ?>> providers) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %-24s %-16s %s%n", "STAGE", "ID", "VERSION", "DESCRIPTION"));
    for (PluginProvider<?, ?> p : providers) {
      sb.append(String.format(Locale.ROOT, "%-10s %-24s %-16s %s%n", StageKind.of(p.stage()).group(), p.id(), p.version(), p.description()));
    }
    return sb.toString();
  }

  /** The config documentation of one plugin. */
  static String configOf(PluginRegistry registry, String query) {
    List<PluginProvider<?, ?>> matches = registry.all().stream()
        .filter(p -> query.equals(p.id()) || query.equals(StageKind.of(p.stage()).group() + "/" + p.id()))
        .toList();
    if (matches.isEmpty()) {
      throw new UserFacingException("no plugin '" + query + "'; run 'bsnn plugins' for the list");
    }
    if (matches.size() > 1) {
      throw new UserFacingException("'" + query + "' names plugins of several stages; write stage/id, e.g. "
          + StageKind.of(matches.get(0).stage()).group() + "/" + query);
    }
    PluginProvider<?, ?> p = matches.get(0);
    StringBuilder sb = new StringBuilder();
    sb.append(StageKind.of(p.stage()).group()).append('/').append(p.id()).append(' ').append(p.version()).append('\n')
        .append(p.description()).append("\n\n");
    Map<String, Object> defaults = ConfigBinder.toMap((Record) p.defaults());
    Map<String, String> docs = ConfigBinder.docs(p.configType());
    if (docs.isEmpty()) {
      sb.append("(no config keys)\n");
    }
    docs.forEach((key, doc) -> sb.append(String.format(Locale.ROOT, "  %-20s default %-12s %s%n", key, String.valueOf(defaults.get(key)), doc)));
    return sb.toString();
  }
}
