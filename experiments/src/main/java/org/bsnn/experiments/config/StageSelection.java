package org.bsnn.experiments.config;

import java.util.Map;
import org.bsnn.api.config.ConfigEntry;
import org.bsnn.api.config.SourceLocation;
import org.bsnn.api.stage.StageKind;

/**
 * One plugin chosen for a stage, with the config values set for it (not yet bound or validated).
 *
 * @param kind the stage
 * @param option the option name, e.g. "adam" (the conf file name without .yaml)
 * @param plugin the plugin id (the option file's {@code plugin:} key, else the option name)
 * @param entries config key to value and where it was set
 * @param selectedAt where the option was chosen
 */
public record StageSelection(
    StageKind kind,
    String option,
    String plugin,
    Map<String, ConfigEntry> entries,
    SourceLocation selectedAt) {

  /** Copies the entries. */
  public StageSelection {
    entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
  }

  /** A label for messages, e.g. "normalize plugin 'percentile' (option 'paper')". */
  public String label() {
    return kind.group()
        + " plugin '"
        + plugin
        + "'"
        + (option.equals(plugin) ? "" : " (option '" + option + "')");
  }
}
