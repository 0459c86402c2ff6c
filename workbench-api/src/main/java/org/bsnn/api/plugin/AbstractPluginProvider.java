package org.bsnn.api.plugin;

import java.util.Objects;
import org.bsnn.api.stage.Stage;

/**
 * A {@link PluginProvider} whose id, stage, config type, defaults and description are fixed at
 * construction, so a provider is a constructor call plus {@link #create}:
 *
 * <pre>{@code
 * public final class XnorBwnProvider extends AbstractPluginProvider<Binarizer, BinarizerConfig> {
 *   public XnorBwnProvider() {
 *     super("xnor-bwn", Binarizer.class, BinarizerConfig.class, new BinarizerConfig(true, true), "...");
 *   }
 *   public Binarizer create(BinarizerConfig config) { return new XnorBwnBinarizer(config); }
 * }
 * }</pre>
 *
 * @param <S> the stage interface
 * @param <C> the config record
 */
public abstract class AbstractPluginProvider<S extends Stage, C extends Record>
    implements PluginProvider<S, C> {

  private final String id;
  private final Class<S> stage;
  private final Class<C> configType;
  private final C defaults;
  private final String description;

  /**
   * Fixes the provider's identity.
   *
   * @param id stable kebab-case id
   * @param stage the stage interface
   * @param configType the config record type
   * @param defaults the default config (records are immutable, so one instance serves all runs)
   * @param description one sentence: what it does, which paper or reference behaviour it follows
   */
  protected AbstractPluginProvider(
      String id, Class<S> stage, Class<C> configType, C defaults, String description) {
    this.id = Objects.requireNonNull(id);
    this.stage = Objects.requireNonNull(stage);
    this.configType = Objects.requireNonNull(configType);
    this.defaults = Objects.requireNonNull(defaults);
    this.description = Objects.requireNonNull(description);
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final Class<S> stage() {
    return stage;
  }

  @Override
  public final Class<C> configType() {
    return configType;
  }

  @Override
  public final C defaults() {
    return defaults;
  }

  @Override
  public final String description() {
    return description;
  }
}
