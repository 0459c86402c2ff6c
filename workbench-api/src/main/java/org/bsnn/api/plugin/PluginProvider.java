package org.bsnn.api.plugin;

import org.bsnn.api.stage.Stage;
import org.bsnn.api.util.WorkbenchVersion;

/**
 * Makes one plugin available to the workbench. Implementations are listed in {@code
 * META-INF/services/org.bsnn.api.plugin.PluginProvider} and found with {@link
 * java.util.ServiceLoader}; adding a plugin needs no edit to the runner or the API. Every built-in
 * plugin has one provider class, {@code <Impl>Provider}, extending {@link AbstractPluginProvider},
 * which fixes everything but {@link #create}.
 *
 * @param <S> the stage interface the plugin implements
 * @param <C> the plugin's config record; its compact constructor validates values and its
 *     components carry {@link org.bsnn.api.config.Doc}
 */
public interface PluginProvider<S extends Stage, C extends Record> {

  /** Stable kebab-case id, used in YAML, CSV and provenance (e.g. "percentile"). */
  String id();

  /** The stage interface implemented, e.g. {@code Normalizer.class}. */
  Class<S> stage();

  /** The config record type. */
  Class<C> configType();

  /** The config used when the YAML gives no value for a key. */
  C defaults();

  /** Creates the plugin for a validated config. Must not start any computation. */
  S create(C config);

  /** One sentence on what the plugin does and which paper or reference behaviour it follows. */
  String description();

  /** The plugin's version, recorded in provenance; defaults to the workbench version. */
  default String version() {
    return WorkbenchVersion.get();
  }
}
