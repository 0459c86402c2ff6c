package org.bsnn.experiments.executor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bsnn.api.config.ConfigException;
import org.bsnn.api.config.SourceLocation;
import org.bsnn.experiments.config.ConfigOverride;
import org.bsnn.experiments.config.YamlNode;
import org.bsnn.experiments.config.YamlReader;

/**
 * Where an experiment's jobs run: {@code local} (this process, one job after another) or {@code
 * spark} (a Spark master: {@code local[N]}, {@code spark://host:port}, or the one {@code
 * spark-submit} sets). With {@code shards > 1} every job runs here and its simulation is split into
 * that many tasks. It does not change any result, so it is not part of {@code config.yaml}: a run
 * can be resumed with another executor.
 *
 * <p>Written in the experiment file as {@code executor: spark} or {@code executor: {name: spark,
 * master: "local[2]", shards: 4}}, overridden by {@code executor=...}, {@code executor.master=...},
 * {@code executor.shards=N} and by the options {@code --executor}, {@code --master}, {@code
 * --shards}. A master or shards given without an executor name choose {@code spark}.
 *
 * @param name {@code local} or {@code spark}
 * @param master the Spark master URL, if given
 * @param shards tasks per simulation (1: whole jobs are the tasks)
 */
public record ExecutorSpec(String name, Optional<String> master, int shards) {

  /** The executor names. */
  public static final List<String> NAMES = List.of("local", "spark");

  /** Today's behaviour: every job in this process. */
  public static final ExecutorSpec LOCAL = new ExecutorSpec("local", Optional.empty(), 1);

  /** Checks the combination. */
  public ExecutorSpec {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "unknown executor '" + name + "'; choose one of " + String.join(", ", NAMES));
    }
    if (shards < 1) {
      throw new IllegalArgumentException("executor shards must be 1 or more, got " + shards);
    }
    if (name.equals("local") && (master.isPresent() || shards > 1)) {
      throw new IllegalArgumentException(
          "executor master and shards apply to the spark executor only; add executor=spark (or"
              + " --executor spark)");
    }
  }

  /** Whether jobs run in this process without Spark. */
  public boolean local() {
    return name.equals("local");
  }

  /**
   * The executor of an experiment file ({@code executor:} section) and its command-line overrides
   * ({@code executor...=...}), local when neither names one.
   */
  public static ExecutorSpec read(Path file, List<String> overrides) {
    YamlNode.MapNode root = YamlReader.readFile(file);
    Builder b = new Builder();
    YamlNode node = root.entries().get("executor");
    if (node != null) {
      b.apply(List.of(), node);
    }
    for (String argument : overrides) {
      ConfigOverride o = ConfigOverride.parse(argument);
      if (o.head().equals("executor")) {
        b.apply(o.path().subList(1, o.path().size()), o.value());
      }
    }
    return b.build(node != null ? node.location() : SourceLocation.commandLine("executor"));
  }

  /** This spec with command-line options applied (each may be null: not given). */
  public ExecutorSpec with(String executor, String master, Integer shards) {
    String n = executor != null ? executor : this.name;
    Optional<String> m = master != null ? Optional.of(master) : this.master;
    int s = shards != null ? shards : this.shards;
    if (executor == null && (master != null || shards != null)) {
      n = "spark"; // --master or --shards alone mean Spark
    }
    return new ExecutorSpec(n, m, s);
  }

  /** Collects the fields from YAML nodes, remembering where each came from for errors. */
  private static final class Builder {
    private String name;
    private String master;
    private int shards = 1;
    private SourceLocation last;

    void apply(List<String> path, YamlNode value) {
      last = value.location();
      if (path.isEmpty()) {
        if (value instanceof YamlNode.MapNode map) {
          map.entries().forEach((k, v) -> apply(List.of(k), v));
          return;
        }
        name = text(value, "executor");
        return;
      }
      if (path.size() != 1) {
        throw new ConfigException(
            value.location() + ": unknown executor key '" + String.join(".", path) + "'");
      }
      switch (path.get(0)) {
        case "name" -> name = text(value, "executor.name");
        case "master" -> master = text(value, "executor.master");
        case "shards" -> {
          if (!(value.plain() instanceof Long n) || n < 1 || n > 100_000) {
            throw new ConfigException(
                value.location()
                    + ": executor.shards must be a whole number from 1, got '"
                    + value.plain()
                    + "'");
          }
          shards = n.intValue();
        }
        default ->
            throw new ConfigException(
                value.location()
                    + ": unknown executor key '"
                    + path.get(0)
                    + "'; valid keys: name, master, shards");
      }
    }

    private static String text(YamlNode value, String key) {
      if (!(value.plain() instanceof String s) || s.isBlank()) {
        throw new ConfigException(
            value.location() + ": " + key + " must be a name, got '" + value.plain() + "'");
      }
      return s;
    }

    ExecutorSpec build(SourceLocation where) {
      // a master or shards without a name mean Spark
      String n = name != null ? name : master != null || shards > 1 ? "spark" : "local";
      try {
        return new ExecutorSpec(n, Optional.ofNullable(master), shards);
      } catch (IllegalArgumentException e) {
        throw new ConfigException((last != null ? last : where) + ": " + e.getMessage());
      }
    }
  }

  /** For messages and run.log. */
  @Override
  public String toString() {
    return name
        + master.map(m -> " (master " + m + ")").orElse("")
        + (shards > 1 ? ", " + shards + " shards per simulation" : "");
  }
}
