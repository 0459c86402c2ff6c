package org.bsnn.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.plugin.PluginLocation;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.UserFacingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bsnn plugins [--config ID]}: lists every plugin with where it comes from (a plugin path
 * jar or a built-in module), or documents one plugin's config.
 */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    description =
        "List installed plugins by stage, or show one plugin's config keys, defaults and documentation.")
public final class PluginsCommand implements Callable<Integer> {

  /** "-1.2.3-SNAPSHOT.jar" and the like at the end of a jar's file name. */
  private static final Pattern ARTIFACT_VERSION = Pattern.compile("-\\d[^/]*\\.jar$|\\.jar$");

  @Option(
      names = "--config",
      paramLabel = "ID",
      description = "Show the config of this plugin id (stage/id when ambiguous).")
  String config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    BsnnCli cli = BsnnCli.of(spec);
    PluginRegistry registry = cli.registry();
    PluginPath path = cli.plugins();
    System.out.print(
        config == null
            ? table(registry.all(), path) + pathSummary(path)
            : configOf(registry, config, path));
    return 0;
  }

  /** The plugin table: stage, id, version, source (jar or module), description. */
  static String table(List<PluginProvider<?, ?>> providers, PluginPath path) {
    List<String> sources = providers.stream().map(p -> source(p, path)).toList();
    int width = Math.max(6, sources.stream().mapToInt(String::length).max().orElse(0));
    String row = "%-10s %-24s %-16s %-" + width + "s %s%n";
    StringBuilder sb =
        new StringBuilder(
            String.format(Locale.ROOT, row, "STAGE", "ID", "VERSION", "SOURCE", "DESCRIPTION"));
    for (int i = 0; i < providers.size(); i++) {
      PluginProvider<?, ?> p = providers.get(i);
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              StageKind.of(p.stage()).group(),
              p.id(),
              p.version(),
              sources.get(i),
              p.description()));
    }
    return sb.toString();
  }

  /**
   * Where a plugin comes from: the jar's file name for a jar of the plugin path; for the
   * workbench's own modules (the class path) "built-in:" and the module's artifact (its jar's name
   * without the version) or, run from a build tree, its class folder.
   */
  static String source(PluginProvider<?, ?> p, PluginPath path) {
    Optional<Path> location = PluginLocation.of(p.getClass());
    if (location.isEmpty()) {
      return "built-in";
    }
    Optional<PluginPath.Jar> jar = path.jarAt(location.get());
    if (jar.isPresent()) {
      return jar.get().file().getFileName().toString();
    }
    Path file = location.get();
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (name.endsWith(".jar")) {
      return "built-in:" + ARTIFACT_VERSION.matcher(name).replaceFirst("");
    }
    Path home = BsnnCli.home();
    return "built-in:" + (file.startsWith(home) ? home.relativize(file) : file);
  }

  /** The jars of the plugin path, each with where it was named; nothing when there are none. */
  static String pathSummary(PluginPath path) {
    if (path.jars().isEmpty()) {
      return "";
    }
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%nplugin path (%s, %s, --plugin-path):%n",
                PluginPath.FOLDER,
                PluginPath.ENV));
    for (PluginPath.Jar jar : path.jars()) {
      sb.append("  ").append(jar.file()).append("  (").append(jar.from()).append(")\n");
    }
    return sb.toString();
  }

  /** The config documentation of one plugin. */
  static String configOf(PluginRegistry registry, String query, PluginPath path) {
    List<PluginProvider<?, ?>> matches =
        registry.all().stream()
            .filter(
                p ->
                    query.equals(p.id())
                        || query.equals(StageKind.of(p.stage()).group() + "/" + p.id()))
            .toList();
    if (matches.isEmpty()) {
      throw new UserFacingException("no plugin '" + query + "'; run 'bsnn plugins' for the list");
    }
    if (matches.size() > 1) {
      throw new UserFacingException(
          "'"
              + query
              + "' names plugins of several stages; write stage/id, e.g. "
              + StageKind.of(matches.get(0).stage()).group()
              + "/"
              + query);
    }
    PluginProvider<?, ?> p = matches.get(0);
    StringBuilder sb = new StringBuilder();
    sb.append(StageKind.of(p.stage()).group())
        .append('/')
        .append(p.id())
        .append(' ')
        .append(p.version())
        .append(" (")
        .append(source(p, path))
        .append(")\n")
        .append(p.description())
        .append("\n\n");
    Map<String, Object> defaults = ConfigBinder.toMap((Record) p.defaults());
    Map<String, String> docs = ConfigBinder.docs(p.configType());
    if (docs.isEmpty()) {
      sb.append("(no config keys)\n");
    }
    docs.forEach(
        (key, doc) ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    "  %-20s default %-12s %s%n",
                    key,
                    String.valueOf(defaults.get(key)),
                    doc)));
    return sb.toString();
  }
}
