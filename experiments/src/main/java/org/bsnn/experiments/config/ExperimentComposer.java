package org.bsnn.experiments.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bsnn.api.config.ConfigEntry;
import org.bsnn.api.config.ConfigException;
import org.bsnn.api.config.SourceLocation;
import org.bsnn.api.stage.StageKind;

/**
 * Composes an experiment file with the option files under {@code conf/<group>/<option>.yaml},
 * sweeps and command-line overrides. Precedence, lowest first: option file, experiment file, sweep
 * value, command line.
 *
 * <p>Grammar of an experiment file: {@code name}, {@code description}, {@code seed} or {@code
 * seeds}, {@code defaults} (group to option, or to a list of options for list groups), {@code
 * sweep} (override key to list of values) and one section per group with config overrides (for list
 * groups, one sub-section per option). An option named {@code none} disables a group.
 *
 * <p>A sweep axis whose values are all mappings is a <em>linked</em> axis: each value sets several
 * keys together, e.g. the paper's full-precision and binary networks, each with its own training
 * recipe, without the cartesian product pairing a binary network with the full-precision recipe:
 *
 * <pre>
 * sweep:
 *   precision:                                   # a label, not a key
 *     - {binarize: none, train: cifar100-fp}
 *     - {binarize: xnor-bwn, train: cifar100-binary}
 * </pre>
 *
 * Every key of a linked value becomes a {@code param:} column, as for plain axes. A command-line
 * {@code key=value} for one of its keys keeps only the values that agree with it (all of them, with
 * that key dropped, when none does); {@code -m} cannot split a linked axis.
 */
public final class ExperimentComposer {

  private static final List<String> TOP_LEVEL =
      List.of("name", "description", "seed", "seeds", "defaults", "sweep", "executor");
  private static final String NONE = "none";

  private final Path confDir;

  /** A composer reading option files below {@code confDir}. */
  public ExperimentComposer(Path confDir) {
    this.confDir = confDir;
  }

  /**
   * Composes a file with command-line overrides.
   *
   * @param overrides {@code key=value} arguments
   * @param multirun {@code key=a,b,c} sweep arguments; each replaces a sweep axis of the same key
   */
  public ComposedExperiment compose(Path file, List<String> overrides, List<String> multirun) {
    YamlNode.MapNode root = YamlReader.readFile(file);
    if (root.entries().isEmpty() && overrides.isEmpty()) {
      // said here, not as the missing plugins of job 0, so that the message names the file
      throw new ConfigException(
          file
              + " is empty (no keys); an experiment names its plugins under 'defaults', e.g."
              + " experiments/smoke/pipeline.yaml");
    }
    checkTopLevel(root);
    List<ConfigOverride> cli = overrides.stream().map(ConfigOverride::parse).toList();

    String name = scalarString(root, "name", defaultName(file));
    String description = scalarString(root, "description", "");
    List<SweepAxis> sweep = sweepAxes(root, multirun);
    List<Long> seeds = seeds(root);
    for (ConfigOverride o : cli) {
      if (o.head().equals("name")) {
        name = String.valueOf(o.value().plain());
      } else if (o.head().equals("seed") || o.head().equals("seeds")) {
        seeds = seedList(o.value());
      }
      // an explicit value on the command line pins a swept key
      sweep = pin(sweep, o);
    }
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new ConfigException(
          file + ": experiment name '" + name + "' must be letters, digits, '.', '_' or '-'");
    }

    List<Map<String, YamlNode>> points = cartesian(sweep);
    List<JobSpec> jobs = new ArrayList<>();
    for (Map<String, YamlNode> point : points) {
      List<ConfigOverride> all = new ArrayList<>();
      TreeMap<String, String> params = new TreeMap<>();
      point.forEach(
          (key, value) -> {
            all.add(ConfigOverride.of(key, value, value.location()));
            params.put(key, String.valueOf(value.plain()));
          });
      cli.stream()
          .filter(o -> !TOP_LEVEL.contains(o.head()) || o.head().equals("defaults"))
          .forEach(all::add);
      Map<StageKind, List<StageSelection>> stages = stages(root, all);
      String variant =
          point.isEmpty()
              ? "base"
              : String.join(
                  ";",
                  point.entrySet().stream()
                      .map(e -> e.getKey() + "=" + e.getValue().plain())
                      .toList());
      for (long seed : seeds) {
        jobs.add(new JobSpec(jobs.size(), variant, seed, params, stages));
      }
    }
    Map<String, List<String>> sweepText = new LinkedHashMap<>();
    sweep.forEach(
        axis ->
            sweepText.put(
                axis.name(),
                axis.values().stream()
                    .map(
                        v ->
                            axis.linked()
                                ? String.join(
                                    ";",
                                    v.entrySet().stream()
                                        .map(e -> e.getKey() + "=" + e.getValue().plain())
                                        .toList())
                                : String.valueOf(v.get(axis.name()).plain()))
                    .toList()));
    return new ComposedExperiment(name, description, file, overrides, sweepText, seeds, jobs);
  }

  private void checkTopLevel(YamlNode.MapNode root) {
    List<String> valid = new ArrayList<>(TOP_LEVEL);
    valid.addAll(StageKind.groups());
    root.entries()
        .keySet()
        .forEach(
            key -> {
              if (!valid.contains(key)) {
                throw new ConfigException(
                    root.keyLocations().get(key)
                        + ": unknown key '"
                        + key
                        + "'; valid top-level keys: "
                        + String.join(", ", valid));
              }
            });
    if (root.entries().containsKey("seed") && root.entries().containsKey("seeds")) {
      throw new ConfigException(
          root.keyLocations().get("seeds") + ": give either 'seed' or 'seeds', not both");
    }
  }

  private Map<StageKind, List<StageSelection>> stages(
      YamlNode.MapNode root, List<ConfigOverride> overrides) {
    Map<StageKind, List<String>> options = new EnumMap<>(StageKind.class);
    Map<StageKind, SourceLocation> selectedAt = new EnumMap<>(StageKind.class);
    YamlNode defaults = root.entries().get("defaults");
    if (defaults != null) {
      YamlNode.MapNode map = asMap(defaults, "defaults");
      map.entries()
          .forEach(
              (group, value) -> {
                StageKind kind = kindOf(group, map.keyLocations().get(group));
                options.put(kind, optionList(kind, value));
                selectedAt.put(kind, map.keyLocations().get(group));
              });
    }
    List<ConfigOverride> keyOverrides = new ArrayList<>();
    for (ConfigOverride o : overrides) {
      if (o.path().size() == 1) {
        StageKind kind = kindOf(o.head(), o.location());
        options.put(kind, optionList(kind, o.value()));
        selectedAt.put(kind, o.location());
      } else {
        keyOverrides.add(o);
      }
    }
    options.values().removeIf(List::isEmpty);

    Map<StageKind, List<StageSelection>> out = new EnumMap<>(StageKind.class);
    for (Map.Entry<StageKind, List<String>> e : options.entrySet()) {
      StageKind kind = e.getKey();
      List<StageSelection> selections = new ArrayList<>();
      for (String option : e.getValue()) {
        selections.add(select(root, kind, option, selectedAt.get(kind), keyOverrides));
      }
      out.put(kind, selections);
    }
    checkOverridesTargetSelections(root, keyOverrides, options);
    return out;
  }

  private StageSelection select(
      YamlNode.MapNode root,
      StageKind kind,
      String option,
      SourceLocation selectedAt,
      List<ConfigOverride> keyOverrides) {
    Map<String, ConfigEntry> entries = new LinkedHashMap<>();
    String plugin = option;
    Path optionFile = confDir.resolve(kind.group()).resolve(option + ".yaml");
    if (Files.isRegularFile(optionFile)) {
      YamlNode.MapNode file = YamlReader.readFile(optionFile);
      for (Map.Entry<String, YamlNode> entry : file.entries().entrySet()) {
        if (entry.getKey().equals("plugin")) {
          plugin = String.valueOf(entry.getValue().plain());
        } else {
          entries.put(
              entry.getKey(),
              new ConfigEntry(entry.getValue().plain(), file.keyLocations().get(entry.getKey())));
        }
      }
    }
    YamlNode section = root.entries().get(kind.group());
    if (section != null) {
      YamlNode.MapNode map = asMap(section, kind.group());
      if (kind.multiplicity() == StageKind.Multiplicity.MANY) {
        YamlNode sub = map.entries().get(option);
        map = sub == null ? null : asMap(sub, kind.group() + "." + option);
      }
      if (map != null) {
        for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
          entries.put(
              entry.getKey(),
              new ConfigEntry(entry.getValue().plain(), map.keyLocations().get(entry.getKey())));
        }
      }
    }
    for (ConfigOverride o : keyOverrides) {
      if (!o.head().equals(kind.group())) {
        continue;
      }
      List<String> keyPath = o.path().subList(1, o.path().size());
      if (kind.multiplicity() == StageKind.Multiplicity.MANY) {
        if (keyPath.size() < 2 || !keyPath.get(0).equals(option)) {
          continue;
        }
        keyPath = keyPath.subList(1, keyPath.size());
      }
      setPath(entries, keyPath, o.value().plain(), o.location());
    }
    return new StageSelection(
        kind,
        option,
        plugin,
        entries,
        selectedAt != null ? selectedAt : new SourceLocation("defaults", 0));
  }

  @SuppressWarnings("unchecked")
  private static void setPath(
      Map<String, ConfigEntry> entries, List<String> path, Object value, SourceLocation at) {
    String key = path.get(0);
    if (path.size() == 1) {
      entries.put(key, new ConfigEntry(value, at));
      return;
    }
    ConfigEntry existing = entries.get(key);
    Map<String, Object> nested =
        existing != null && existing.value() instanceof Map<?, ?> m
            ? new LinkedHashMap<>((Map<String, Object>) m)
            : new LinkedHashMap<>();
    Map<String, Object> cursor = nested;
    for (int i = 1; i < path.size() - 1; i++) {
      Object next = cursor.get(path.get(i));
      Map<String, Object> child =
          next instanceof Map<?, ?> m
              ? new LinkedHashMap<>((Map<String, Object>) m)
              : new LinkedHashMap<>();
      cursor.put(path.get(i), child);
      cursor = child;
    }
    cursor.put(path.get(path.size() - 1), value);
    entries.put(key, new ConfigEntry(nested, at));
  }

  private void checkOverridesTargetSelections(
      YamlNode.MapNode root,
      List<ConfigOverride> keyOverrides,
      Map<StageKind, List<String>> options) {
    for (ConfigOverride o : keyOverrides) {
      StageKind kind = kindOf(o.head(), o.location());
      List<String> selected = options.getOrDefault(kind, List.of());
      if (selected.isEmpty()) {
        throw new ConfigException(
            o.location()
                + ": '"
                + o.key()
                + "' sets a key of group '"
                + kind.group()
                + "', but no "
                + kind.group()
                + " plugin is selected; select one with "
                + kind.group()
                + "=<option>");
      }
      if (kind.multiplicity() == StageKind.Multiplicity.MANY
          && (o.path().size() < 3 || !selected.contains(o.path().get(1)))) {
        throw new ConfigException(
            o.location()
                + ": '"
                + o.key()
                + "' must name a selected "
                + kind.group()
                + " option and a key, as "
                + kind.group()
                + ".<option>.<key>; selected options: "
                + String.join(", ", selected));
      }
    }
    for (StageKind kind : StageKind.values()) {
      YamlNode section = root.entries().get(kind.group());
      if (section == null) {
        continue;
      }
      List<String> selected = options.getOrDefault(kind, List.of());
      SourceLocation at = root.keyLocations().get(kind.group());
      if (selected.isEmpty()) {
        continue; // a disabled group's overrides are ignored, so "binarize: none" works with
        // settings present
      }
      if (kind.multiplicity() == StageKind.Multiplicity.MANY) {
        asMap(section, kind.group())
            .entries()
            .keySet()
            .forEach(
                opt -> {
                  if (!selected.contains(opt)) {
                    throw new ConfigException(
                        at
                            + ": section '"
                            + kind.group()
                            + "."
                            + opt
                            + "' configures an option that is not selected; selected "
                            + kind.group()
                            + " options: "
                            + String.join(", ", selected));
                  }
                });
      }
    }
  }

  private static List<String> optionList(StageKind kind, YamlNode value) {
    List<String> out = new ArrayList<>();
    if (value instanceof YamlNode.ListNode list) {
      if (kind.multiplicity() == StageKind.Multiplicity.ONE) {
        throw new ConfigException(
            value.location() + ": group '" + kind.group() + "' takes one option, not a list");
      }
      list.items().forEach(item -> out.add(optionName(item)));
    } else {
      String name = value.plain() == null ? NONE : optionName(value);
      if (!name.equals(NONE)) {
        if (kind.multiplicity() == StageKind.Multiplicity.MANY) {
          for (String part : name.split(",")) {
            out.add(part.trim());
          }
        } else {
          out.add(name);
        }
      }
    }
    out.removeIf(NONE::equals);
    if (out.stream().distinct().count() != out.size()) {
      throw new ConfigException(
          value.location() + ": group '" + kind.group() + "' lists an option twice: " + out);
    }
    return out;
  }

  private static String optionName(YamlNode node) {
    if (!(node instanceof YamlNode.ScalarNode s) || s.value() == null) {
      throw new ConfigException(node.location() + ": an option must be a name such as 'adam'");
    }
    String name = String.valueOf(s.value());
    if (!name.matches("[a-z0-9][a-z0-9._-]*(,[a-z0-9][a-z0-9._-]*)*")) {
      throw new ConfigException(
          node.location() + ": option name '" + name + "' must be lower-case kebab-case");
    }
    return name;
  }

  private static StageKind kindOf(String group, SourceLocation at) {
    return StageKind.ofGroup(group)
        .orElseThrow(
            () ->
                new ConfigException(
                    at
                        + ": unknown group '"
                        + group
                        + "'; groups: "
                        + String.join(", ", StageKind.groups())));
  }

  private static YamlNode.MapNode asMap(YamlNode node, String what) {
    if (node instanceof YamlNode.MapNode map) {
      return map;
    }
    throw new ConfigException(
        node.location() + ": '" + what + "' must be a mapping of keys to values");
  }

  /**
   * One sweep axis: the values it takes, each a set of keys and their values (one key for a plain
   * axis, several for a linked one).
   *
   * @param name the key (plain axis) or label (linked axis) as written
   * @param linked whether the values are mappings of several keys
   * @param values the points of the axis, keys in file order
   * @param location where the axis is written
   */
  private record SweepAxis(
      String name, boolean linked, List<Map<String, YamlNode>> values, SourceLocation location) {
    boolean sets(String key) {
      return values.stream().anyMatch(v -> v.containsKey(key));
    }
  }

  private static List<SweepAxis> sweepAxes(YamlNode.MapNode root, List<String> multirun) {
    List<SweepAxis> axes = new ArrayList<>();
    YamlNode sweep = root.entries().get("sweep");
    if (sweep != null) {
      YamlNode.MapNode map = asMap(sweep, "sweep");
      map.entries()
          .forEach(
              (key, values) -> {
                if (!(values instanceof YamlNode.ListNode list) || list.items().isEmpty()) {
                  throw new ConfigException(
                      values.location() + ": sweep '" + key + "' needs a non-empty list of values");
                }
                long maps =
                    list.items().stream().filter(i -> i instanceof YamlNode.MapNode).count();
                if (maps == 0) {
                  List<Map<String, YamlNode>> points = new ArrayList<>();
                  list.items().forEach(item -> points.add(Map.of(key, item)));
                  axes.add(new SweepAxis(key, false, points, map.keyLocations().get(key)));
                } else {
                  axes.add(linkedAxis(key, list, maps, map.keyLocations().get(key)));
                }
              });
    }
    for (String arg : multirun) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("sweep '-m " + arg + "' must look like key=a,b,c");
      }
      String key = arg.substring(0, eq);
      SourceLocation at = SourceLocation.commandLine("-m " + arg);
      for (SweepAxis axis : axes) {
        if (axis.linked() && axis.sets(key)) {
          throw new ConfigException(
              at
                  + ": '"
                  + key
                  + "' is part of the linked sweep axis '"
                  + axis.name()
                  + "' ("
                  + axis.location()
                  + "), which -m cannot split; pin it with "
                  + key
                  + "=<value> or edit the file");
        }
      }
      List<Map<String, YamlNode>> points = new ArrayList<>();
      for (String v : arg.substring(eq + 1).split(",")) {
        points.add(Map.of(key, YamlReader.parseValue(v.trim(), at)));
      }
      // replace the file's axis in place, so the variant names keep the file's key order
      SweepAxis replacement = new SweepAxis(key, false, points, at);
      int i =
          axes.indexOf(
              axes.stream()
                  .filter(a -> !a.linked() && a.name().equals(key))
                  .findFirst()
                  .orElse(null));
      if (i >= 0) {
        axes.set(i, replacement);
      } else {
        axes.add(replacement);
      }
    }
    java.util.Set<String> swept = new java.util.HashSet<>();
    for (SweepAxis axis : axes) {
      for (String key : axis.values().get(0).keySet()) {
        String head = key.split("\\.")[0];
        if (StageKind.ofGroup(head).isEmpty()) {
          throw new ConfigException(
              "sweep key '"
                  + key
                  + "' must start with a group: "
                  + String.join(", ", StageKind.groups()));
        }
        if (!swept.add(key)) {
          throw new ConfigException(
              axis.location()
                  + ": sweep key '"
                  + key
                  + "' is set by two sweep axes; "
                  + "give each key one axis (a linked axis for keys that change together)");
        }
      }
    }
    return axes;
  }

  /** A linked axis: every value a mapping of the same keys to values. */
  private static SweepAxis linkedAxis(
      String name, YamlNode.ListNode list, long maps, SourceLocation at) {
    if (maps != list.items().size()) {
      throw new ConfigException(
          list.location()
              + ": sweep '"
              + name
              + "' mixes mappings and plain values; "
              + "give either a list of values (a plain axis) or a list of mappings of keys to values (a linked axis)");
    }
    if (StageKind.ofGroup(name.split("\\.")[0]).isPresent()) {
      throw new ConfigException(
          at
              + ": linked sweep axis '"
              + name
              + "' is named like a key; its name is a label "
              + "(e.g. 'precision') and its values say which keys they set, e.g. [{binarize: none, train: sgd}, ...]");
    }
    List<Map<String, YamlNode>> points = new ArrayList<>();
    List<String> keys = null;
    for (YamlNode item : list.items()) {
      YamlNode.MapNode m = (YamlNode.MapNode) item;
      List<String> these = new ArrayList<>(m.entries().keySet());
      if (these.isEmpty()) {
        throw new ConfigException(
            item.location() + ": a value of linked sweep axis '" + name + "' sets no key");
      }
      if (keys == null) {
        keys = these;
      } else if (!new java.util.HashSet<>(keys).equals(new java.util.HashSet<>(these))) {
        throw new ConfigException(
            item.location()
                + ": every value of linked sweep axis '"
                + name
                + "' must set the same keys; the first sets "
                + keys
                + ", this one "
                + these);
      }
      Map<String, YamlNode> point = new LinkedHashMap<>();
      for (String k : keys) {
        YamlNode v = m.entries().get(k);
        if (v instanceof YamlNode.MapNode) {
          throw new ConfigException(
              v.location()
                  + ": '"
                  + k
                  + "' in linked sweep axis '"
                  + name
                  + "' must be a value, not a mapping; write nested keys with dots, e.g. train.learningRate");
        }
        point.put(k, v);
      }
      points.add(point);
    }
    return new SweepAxis(name, true, points, at);
  }

  /**
   * The axes after a command-line override: a plain axis of the same key is dropped; a linked axis
   * setting the key keeps the values that agree with the override, or, when none does, all values
   * without that key.
   */
  private static List<SweepAxis> pin(List<SweepAxis> axes, ConfigOverride o) {
    List<SweepAxis> out = new ArrayList<>();
    for (SweepAxis axis : axes) {
      if (!axis.sets(o.key())) {
        out.add(axis);
      } else if (axis.linked()) {
        Object pinned = o.value().plain();
        List<Map<String, YamlNode>> agree =
            axis.values().stream()
                .filter(v -> String.valueOf(v.get(o.key()).plain()).equals(String.valueOf(pinned)))
                .toList();
        List<Map<String, YamlNode>> kept = new ArrayList<>();
        if (!agree.isEmpty()) {
          kept.addAll(agree);
        } else {
          for (Map<String, YamlNode> v : axis.values()) {
            Map<String, YamlNode> w = new LinkedHashMap<>(v);
            w.remove(o.key());
            boolean seen = kept.stream().anyMatch(k -> plain(k).equals(plain(w)));
            if (!w.isEmpty() && !seen) {
              kept.add(w);
            }
          }
        }
        if (!kept.isEmpty()) {
          out.add(new SweepAxis(axis.name(), true, kept, axis.location()));
        }
      }
    }
    return out;
  }

  private static Map<String, Object> plain(Map<String, YamlNode> point) {
    Map<String, Object> out = new LinkedHashMap<>();
    point.forEach((k, v) -> out.put(k, v.plain()));
    return out;
  }

  private static List<Map<String, YamlNode>> cartesian(List<SweepAxis> axes) {
    List<Map<String, YamlNode>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (SweepAxis axis : axes) {
      List<Map<String, YamlNode>> next = new ArrayList<>();
      for (Map<String, YamlNode> p : points) {
        for (Map<String, YamlNode> v : axis.values()) {
          Map<String, YamlNode> q = new LinkedHashMap<>(p);
          q.putAll(v);
          next.add(q);
        }
      }
      points = next;
    }
    return points;
  }

  private static List<Long> seeds(YamlNode.MapNode root) {
    YamlNode node =
        root.entries().containsKey("seeds")
            ? root.entries().get("seeds")
            : root.entries().get("seed");
    return node == null ? List.of(0L) : seedList(node);
  }

  private static List<Long> seedList(YamlNode node) {
    List<YamlNode> items = node instanceof YamlNode.ListNode l ? l.items() : List.of(node);
    List<Long> seeds = new ArrayList<>();
    for (YamlNode item : items) {
      if (!(item.plain() instanceof Long seed)) {
        throw new ConfigException(
            item.location() + ": a seed must be an integer, got '" + item.plain() + "'");
      }
      seeds.add(seed);
    }
    if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
      throw new ConfigException(
          node.location() + ": seeds must be a non-empty list of distinct integers");
    }
    return seeds;
  }

  private static String scalarString(YamlNode.MapNode root, String key, String fallback) {
    YamlNode node = root.entries().get(key);
    if (node == null) {
      return fallback;
    }
    if (!(node instanceof YamlNode.ScalarNode) || node.plain() == null) {
      throw new ConfigException(node.location() + ": '" + key + "' must be a single value");
    }
    return String.valueOf(node.plain());
  }

  private static String defaultName(Path file) {
    String f = file.getFileName().toString();
    return f.endsWith(".yaml")
        ? f.substring(0, f.length() - 5)
        : f.endsWith(".yml") ? f.substring(0, f.length() - 4) : f;
  }
}
