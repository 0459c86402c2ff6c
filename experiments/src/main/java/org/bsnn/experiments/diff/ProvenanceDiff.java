package org.bsnn.experiments.diff;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bsnn.api.results.StageProvenance;
import org.bsnn.api.util.NaturalOrder;
import org.bsnn.api.util.UserFacingException;

/**
 * Compares two {@code provenance.json} files ({@code {"run": {...}, "jobs": [...]}}, see {@link
 * org.bsnn.api.results.RunInfo} and {@link org.bsnn.api.results.JobProvenance}). Both are flattened
 * to dotted paths such as {@code run.gitCommit} or {@code jobs[0].stages[3].config.percentile}; a
 * key that is not a plain name is written in brackets, as in {@code
 * run.environment["nd4j.backend"]}. Paths whose values differ or that exist on one side only are
 * reported, except {@link #IGNORED_BY_DEFAULT}, which differ between any two runs.
 */
public final class ProvenanceDiff {

  /** Paths that always differ between runs: the start time and the run directory. */
  public static final Set<String> IGNORED_BY_DEFAULT = Set.of("run.startedAt", "run.runDirectory");

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_:\\-]+");
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private ProvenanceDiff() {}

  /**
   * One path that differs.
   *
   * @param path the dotted path
   * @param a the value in A as JSON text (strings quoted), empty if A lacks the path
   * @param b the value in B as JSON text, empty if B lacks the path
   */
  public record PathDifference(String path, Optional<String> a, Optional<String> b) {}

  /**
   * Reads and compares two provenance files, ignoring {@link #IGNORED_BY_DEFAULT}.
   *
   * @throws UserFacingException if a file is missing or is not a JSON object
   */
  public static List<PathDifference> compare(Path a, Path b) {
    return compare(read(a), read(b), IGNORED_BY_DEFAULT);
  }

  /**
   * Compares two parsed provenance documents.
   *
   * @param ignored paths left out, with everything below them
   * @return the differing paths in natural order (numbers in brackets compared as numbers)
   */
  public static List<PathDifference> compare(JsonNode a, JsonNode b, Set<String> ignored) {
    SortedMap<String, JsonNode> fa = flatten(a);
    SortedMap<String, JsonNode> fb = flatten(b);
    TreeSet<String> paths = new TreeSet<>(NaturalOrder.INSTANCE);
    paths.addAll(fa.keySet());
    paths.addAll(fb.keySet());
    List<PathDifference> out = new ArrayList<>();
    for (String p : paths) {
      if (isIgnored(p, ignored)) {
        continue;
      }
      JsonNode va = fa.get(p);
      JsonNode vb = fb.get(p);
      if (va == null || !va.equals(vb)) {
        out.add(new PathDifference(p, text(va), text(vb)));
      }
    }
    return out;
  }

  /**
   * Flattens a JSON document to its leaves: scalars, nulls, and empty objects and arrays (so that
   * an empty map still shows up), keyed by dotted path in natural order. Keys of a stage's {@code
   * details} appear under their current name ({@link StageProvenance#currentDetailKey}), so a file
   * written before a key was renamed compares equal to one written after.
   */
  public static SortedMap<String, JsonNode> flatten(JsonNode root) {
    SortedMap<String, JsonNode> out = new TreeMap<>(NaturalOrder.INSTANCE);
    if (root.isContainerNode() && root.isEmpty()) {
      return Collections.unmodifiableSortedMap(out);
    }
    flatten("", root, out);
    return Collections.unmodifiableSortedMap(out);
  }

  /**
   * Reads a provenance file.
   *
   * @throws UserFacingException if it is missing, unreadable, not JSON, or not a JSON object
   */
  public static JsonNode read(Path file) {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = MAPPER.readTree(in);
    } catch (NoSuchFileException e) {
      throw new UserFacingException("cannot read " + file + ": no such file", e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new UserFacingException(
          file + where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new UserFacingException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new UserFacingException(
          file + ": expected a JSON object {\"run\": {...}, \"jobs\": [...]}");
    }
    return root;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject() && !node.isEmpty()) {
      // a stage's details may come from a file written before a key was renamed: compare by the
      // current name
      boolean details = prefix.endsWith(".details");
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        String key = details ? StageProvenance.currentDetailKey(f.getKey()) : f.getKey();
        flatten(child(prefix, key), f.getValue(), out);
      }
    } else if (node.isArray() && !node.isEmpty()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.put(prefix, node);
    }
  }

  private static String child(String prefix, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return prefix.isEmpty() ? key : prefix + "." + key;
    }
    String quoted = key.replace("\\", "\\\\").replace("\"", "\\\"");
    return prefix + "[\"" + quoted + "\"]";
  }

  private static boolean isIgnored(String path, Set<String> ignored) {
    for (String i : ignored) {
      if (path.equals(i) || path.startsWith(i + ".") || path.startsWith(i + "[")) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> text(JsonNode n) {
    return n == null ? Optional.empty() : Optional.of(n.toString());
  }
}
