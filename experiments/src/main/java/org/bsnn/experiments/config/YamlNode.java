package org.bsnn.experiments.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.config.SourceLocation;

/**
 * A parsed YAML value that remembers where it was written, so every config error can name the file
 * and line.
 */
public sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.ScalarNode {

  /** Where the value starts. */
  SourceLocation location();

  /**
   * The value as plain Java objects (LinkedHashMap, ArrayList, String, Long, Double, Boolean,
   * null).
   */
  Object plain();

  /** A mapping; keys keep their file order. */
  record MapNode(
      Map<String, YamlNode> entries,
      Map<String, SourceLocation> keyLocations,
      SourceLocation location)
      implements YamlNode {
    @Override
    public Object plain() {
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((k, v) -> out.put(k, v.plain()));
      return out;
    }
  }

  /** A sequence. */
  record ListNode(List<YamlNode> items, SourceLocation location) implements YamlNode {
    @Override
    public Object plain() {
      List<Object> out = new ArrayList<>();
      items.forEach(i -> out.add(i.plain()));
      return out;
    }
  }

  /** A scalar already resolved to String, Long, Double, Boolean or null. */
  record ScalarNode(Object value, SourceLocation location) implements YamlNode {
    @Override
    public Object plain() {
      return value;
    }
  }
}
