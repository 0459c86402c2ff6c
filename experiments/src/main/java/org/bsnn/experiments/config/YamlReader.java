package org.bsnn.experiments.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.config.ConfigException;
import org.bsnn.api.config.SourceLocation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses YAML into {@link YamlNode}s with file and line for every value. Uses SnakeYAML's composer
 * (not its object loader) because only the node graph keeps positions. Anchors, aliases and custom
 * tags are not part of the experiment grammar.
 */
public final class YamlReader {

  private YamlReader() {}

  /** Parses a file; an empty file is an empty map. */
  public static YamlNode.MapNode readFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("experiment file not found: " + file.toAbsolutePath());
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ConfigException(
          file
              + " is not a text file (not UTF-8); an experiment file is UTF-8 YAML, e.g."
              + " experiments/smoke/pipeline.yaml",
          e);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read " + file + ": " + org.bsnn.api.util.IoErrors.describe(e), e);
    }
    return readString(text, file.toString());
  }

  /** Parses text; {@code origin} names it in messages. The document must be a mapping. */
  public static YamlNode.MapNode readString(String text, String origin) {
    YamlNode node = parse(new StringReader(text), origin);
    if (node == null) {
      return new YamlNode.MapNode(Map.of(), Map.of(), new SourceLocation(origin, 1));
    }
    if (!(node instanceof YamlNode.MapNode map)) {
      throw new ConfigException(
          node.location() + ": the document must be a mapping of keys to values");
    }
    return map;
  }

  /** Parses one scalar or flow value given on the command line, e.g. "0.5", "[1, 2]", "true". */
  public static YamlNode parseValue(String text, SourceLocation where) {
    YamlNode node = parse(new StringReader(text), where.file());
    if (node == null) {
      return new YamlNode.ScalarNode(null, where);
    }
    return relocate(node, where);
  }

  private static YamlNode relocate(YamlNode node, SourceLocation where) {
    if (node instanceof YamlNode.ScalarNode s) {
      return new YamlNode.ScalarNode(s.value(), where);
    }
    if (node instanceof YamlNode.ListNode l) {
      return new YamlNode.ListNode(l.items().stream().map(i -> relocate(i, where)).toList(), where);
    }
    YamlNode.MapNode m = (YamlNode.MapNode) node;
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    Map<String, SourceLocation> keys = new LinkedHashMap<>();
    m.entries()
        .forEach(
            (k, v) -> {
              entries.put(k, relocate(v, where));
              keys.put(k, where);
            });
    return new YamlNode.MapNode(entries, keys, where);
  }

  private static YamlNode parse(Reader reader, String origin) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    try {
      Node root = new Yaml(options).compose(reader);
      return root == null
          ? null
          : convert(
              root, origin, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      throw new ConfigException(
          new SourceLocation(origin, line)
              + ": malformed YAML: "
              + e.getProblem()
              + (e.getContext() != null ? " (" + e.getContext() + ")" : ""),
          e);
    } catch (YAMLException e) {
      throw new ConfigException(origin + ": malformed YAML: " + e.getMessage(), e);
    }
  }

  /**
   * Converts a node graph to a tree. {@code open} holds the collections on the path from the root
   * (by identity): an alias inside its own anchor makes the graph cyclic, which would otherwise
   * recurse until the stack overflows.
   */
  private static YamlNode convert(Node node, String origin, java.util.Set<Node> open) {
    SourceLocation at = new SourceLocation(origin, node.getStartMark().getLine() + 1);
    if (!(node instanceof ScalarNode)) {
      if (!open.add(node)) {
        throw new ConfigException(
            at + ": an alias refers to the anchor that contains it (a cycle); remove the alias");
      }
      try {
        return convertCollection(node, origin, open, at);
      } finally {
        open.remove(node);
      }
    }
    return new YamlNode.ScalarNode(resolve((ScalarNode) node, at), at);
  }

  private static YamlNode convertCollection(
      Node node, String origin, java.util.Set<Node> open, SourceLocation at) {
    if (node instanceof MappingNode mapping) {
      Map<String, YamlNode> entries = new LinkedHashMap<>();
      Map<String, SourceLocation> keys = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
          throw new ConfigException(at + ": mapping keys must be plain words");
        }
        String key = keyNode.getValue();
        SourceLocation keyAt = new SourceLocation(origin, keyNode.getStartMark().getLine() + 1);
        if (entries.containsKey(key)) {
          throw new ConfigException(keyAt + ": duplicate key '" + key + "'");
        }
        entries.put(key, convert(tuple.getValueNode(), origin, open));
        keys.put(key, keyAt);
      }
      return new YamlNode.MapNode(entries, keys, at);
    }
    if (node instanceof SequenceNode sequence) {
      List<YamlNode> items = new ArrayList<>();
      sequence.getValue().forEach(n -> items.add(convert(n, origin, open)));
      return new YamlNode.ListNode(items, at);
    }
    throw new ConfigException(at + ": unsupported YAML node " + node.getNodeId());
  }

  private static Object resolve(ScalarNode scalar, SourceLocation at) {
    String v = scalar.getValue();
    Tag tag = scalar.getTag();
    try {
      if (Tag.NULL.equals(tag)) {
        return null;
      }
      if (Tag.BOOL.equals(tag)) {
        return Boolean.valueOf(
            v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on"));
      }
      if (Tag.INT.equals(tag)) {
        return Long.decode(v.replace("_", ""));
      }
      if (Tag.FLOAT.equals(tag)) {
        String f = v.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        if (f.endsWith(".inf")) {
          return f.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (f.equals(".nan")) {
          return Double.NaN;
        }
        return Double.valueOf(f);
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(at + ": cannot read number '" + v + "'");
    }
    return v;
  }
}
