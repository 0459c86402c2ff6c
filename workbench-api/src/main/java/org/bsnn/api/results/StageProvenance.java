package org.bsnn.api.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one stage of one job was: which plugin at which version with which resolved config, plus
 * whatever the plugin recorded through {@link org.bsnn.api.run.RunContext#provenance}.
 *
 * @param stage the YAML group
 * @param plugin the plugin id
 * @param version the plugin's version
 * @param config the resolved config (defaults merged with overrides)
 * @param details entries the plugin recorded (e.g. lambda per layer, dataset checksums); one
 *     concept has one camelCase key in every plugin
 */
public record StageProvenance(
    String stage,
    String plugin,
    String version,
    Map<String, Object> config,
    Map<String, Object> details) {
  /** Sorts the maps for stable files. */
  public StageProvenance {
    config = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(config));
    details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
  }

  /**
   * Detail keys that earlier versions wrote under another name, mapped to the current name. Files
   * written before a rename (such as the committed baselines) keep the old key; code that reads
   * provenance looks keys up through {@link #currentDetailKey} so both spellings mean the same.
   */
  public static final Map<String, String> RENAMED_DETAIL_KEYS =
      Map.of(
          "trainImages", "trainingImages", // the gradient trainers; random-features already wrote
          // trainingImages
          "lambdas", "lambda"); // the converter; the normalizers already wrote lambda

  /** The current name of a detail key, which is {@code key} itself unless it was renamed. */
  public static String currentDetailKey(String key) {
    return RENAMED_DETAIL_KEYS.getOrDefault(key, key);
  }
}
