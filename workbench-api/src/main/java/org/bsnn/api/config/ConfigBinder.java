package org.bsnn.api.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Binds configured values onto a plugin's config record, over its defaults. Unknown keys, values of
 * the wrong type and values the record rejects all become {@link ConfigException}s that name the
 * file, line and key, and list the valid keys.
 */
public final class ConfigBinder {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();

  private ConfigBinder() {}

  /**
   * Binds {@code entries} over {@code defaults}.
   *
   * @param what a label for messages, e.g. "normalize plugin 'percentile'"
   * @param entries key to value and location; keys are record component names
   * @return a new validated record
   * @throws ConfigException on unknown keys, wrong types or values the record rejects
   */
  public static <C extends Record> C bind(
      String what, Class<C> type, C defaults, Map<String, ConfigEntry> entries) {
    List<String> valid = keys(type);
    for (Map.Entry<String, ConfigEntry> e : entries.entrySet()) {
      if (!valid.contains(e.getKey())) {
        throw new ConfigException(
            e.getValue().location()
                + ": unknown key '"
                + e.getKey()
                + "' for "
                + what
                + "; valid keys: "
                + (valid.isEmpty() ? "(none)" : String.join(", ", valid)));
      }
    }
    ObjectNode tree = MAPPER.valueToTree(defaults);
    for (Map.Entry<String, ConfigEntry> e : entries.entrySet()) {
      JsonNode given = MAPPER.valueToTree(e.getValue().value());
      JsonNode current = tree.get(e.getKey());
      if (current instanceof ObjectNode currentObject && given instanceof ObjectNode givenObject) {
        currentObject.setAll(givenObject);
      } else {
        tree.set(e.getKey(), given);
      }
    }
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String message = String.valueOf(cause.getMessage());
      throw new ConfigException(
          where(named(entries, message)) + "invalid value for " + what + ": " + message, e);
    } catch (MismatchedInputException e) {
      String key = e.getPath().isEmpty() ? "?" : e.getPath().get(0).getFieldName();
      ConfigEntry entry = key == null ? null : entries.get(key);
      String location = entry != null ? entry.location() + ": " : where(entries);
      String got = e instanceof InvalidFormatException ife ? " got '" + ife.getValue() + "'" : "";
      throw new ConfigException(
          location
              + "wrong type for key '"
              + key
              + "' of "
              + what
              + ": expected "
              + expectedType(type, key)
              + ","
              + (got.isEmpty() ? " got " + describe(entry) : got),
          e);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ConfigException(
          where(entries) + "cannot bind config of " + what + ": " + e.getMessage(), e);
    }
  }

  /** The record's values as a sorted map of plain values, for provenance and hashing. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(Record config) {
    return new TreeMap<>(MAPPER.convertValue(config, Map.class));
  }

  /** Valid keys of a config record, in declaration order. */
  public static List<String> keys(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  /** Key to documentation text ({@link Doc}), "" where undocumented, in declaration order. */
  public static Map<String, String> docs(Class<? extends Record> type) {
    Map<String, String> out = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Doc doc = c.getAnnotation(Doc.class);
      out.put(c.getName(), doc == null ? "" : doc.value());
    }
    return out;
  }

  private static String expectedType(Class<? extends Record> type, String key) {
    return Arrays.stream(type.getRecordComponents())
        .filter(c -> c.getName().equals(key))
        .map(
            c ->
                c.getGenericType()
                    .getTypeName()
                    .replace("java.lang.", "")
                    .replace("java.util.", ""))
        .findFirst()
        .orElse("another type");
  }

  private static String describe(ConfigEntry entry) {
    if (entry == null) {
      return "another value";
    }
    Object v = entry.value();
    return v == null
        ? "null"
        : "'" + v + "' (" + v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + ")";
  }

  /**
   * The entries a record's message names: the key it starts with ({@link ConfigChecks} messages
   * do), else the keys it mentions, else all of them; so a range error points at its own line, not
   * at every key given for the plugin.
   */
  private static Map<String, ConfigEntry> named(Map<String, ConfigEntry> entries, String message) {
    String first = message.split("[^A-Za-z0-9_]", 2)[0];
    if (entries.containsKey(first)) {
      return Map.of(first, entries.get(first));
    }
    Map<String, ConfigEntry> mentioned = new LinkedHashMap<>();
    entries.forEach(
        (key, entry) -> {
          if (java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(key) + "\\b")
              .matcher(message)
              .find()) {
            mentioned.put(key, entry);
          }
        });
    return mentioned.isEmpty() ? entries : mentioned;
  }

  private static String where(Map<String, ConfigEntry> entries) {
    if (entries.isEmpty()) {
      return "defaults: ";
    }
    return entries.entrySet().stream()
            .map(e -> e.getValue().location() + " (" + e.getKey() + ")")
            .collect(Collectors.joining(", "))
        + ": ";
  }
}
