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
 * @param details entries the plugin recorded (e.g. lambdas, dataset checksums)
 */
public record StageProvenance(
    String stage, String plugin, String version, Map<String, Object> config, Map<String, Object> details) {
  /** Sorts the maps for stable files. */
  public StageProvenance {
    config = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(config));
    details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
  }
}
