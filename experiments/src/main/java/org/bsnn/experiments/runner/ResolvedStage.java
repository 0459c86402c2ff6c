package org.bsnn.experiments.runner;

import java.util.Map;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.stage.Stage;
import org.bsnn.api.stage.StageKind;

/**
 * A stage whose plugin was found and whose config was bound and validated.
 *
 * @param kind the stage
 * @param option the option name from the YAML
 * @param provider the plugin's provider
 * @param config the validated config record
 */
public record ResolvedStage(
    StageKind kind, String option, PluginProvider<?, ?> provider, Record config) {

  /** The config as a sorted map, for provenance, config.yaml and hashing. */
  public Map<String, Object> configMap() {
    return ConfigBinder.toMap(config);
  }

  /** Creates the plugin instance (no computation happens here). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public <S extends Stage> S create(Class<S> type) {
    return type.cast(PluginRegistry.create((PluginProvider) provider, config));
  }
}
