package org.bsnn.plugins.optimization;

import java.util.List;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Optimizer;

/** Providers of the built-in latency optimizers. */
public final class OptimizerProviders {
  private OptimizerProviders() {}

  /** {@code early-exit}: stop when the maximum output potential exceeds a threshold. */
  public static final class EarlyExit extends AbstractPluginProvider<Optimizer, EarlyExitConfig> {
    /** Registers the plugin. */
    public EarlyExit() {
      super("early-exit", Optimizer.class, EarlyExitConfig.class, new EarlyExitConfig(10.0, 1),
          "Run-time early exit: a sample stops when its maximum output membrane potential exceeds a threshold (Lu & Sengupta 2020).");
    }

    @Override
    public Optimizer create(EarlyExitConfig config) {
      return new EarlyExitOptimizer(config, EarlyExitOptimizer.Rule.MAX_POTENTIAL);
    }
  }

  /** {@code early-exit-margin}: stop when top-1 minus top-2 potential exceeds a threshold. */
  public static final class EarlyExitMargin extends AbstractPluginProvider<Optimizer, EarlyExitConfig> {
    /** Registers the plugin. */
    public EarlyExitMargin() {
      super("early-exit-margin", Optimizer.class, EarlyExitConfig.class, new EarlyExitConfig(5.0, 1),
          "Run-time early exit on the margin between the top two output potentials.");
    }

    @Override
    public Optimizer create(EarlyExitConfig config) {
      return new EarlyExitOptimizer(config, EarlyExitOptimizer.Rule.MARGIN);
    }
  }

  /** {@code threshold-scale}. */
  public static final class ThresholdScale extends AbstractPluginProvider<Optimizer, ThresholdScaleConfig> {
    /** Registers the plugin. */
    public ThresholdScale() {
      super("threshold-scale", Optimizer.class, ThresholdScaleConfig.class, new ThresholdScaleConfig(1.0, List.of()),
          "Design-time threshold scaling: multiply spiking thresholds by a factor (< 1 trades accuracy for latency).");
    }

    @Override
    public Optimizer create(ThresholdScaleConfig config) {
      return new ThresholdScaleOptimizer(config);
    }
  }

  /** {@code same-step}. */
  public static final class SameStep extends AbstractPluginProvider<Optimizer, NoConfig> {
    /** Registers the plugin. */
    public SameStep() {
      super("same-step", Optimizer.class, NoConfig.class, new NoConfig(),
          "Design-time same-step propagation: spikes cross all layers within one timestep.");
    }

    @Override
    public Optimizer create(NoConfig config) {
      return new SameStepOptimizer();
    }
  }

  /** {@code crossbar-form}. */
  public static final class CrossbarForm extends AbstractPluginProvider<Optimizer, NoConfig> {
    /** Registers the plugin. */
    public CrossbarForm() {
      super("crossbar-form", Optimizer.class, NoConfig.class, new NoConfig(),
          "Design-time crossbar form: binary layers get pure plus/minus 1 weights and per-neuron thresholds divided by their alphas (Lu & Sengupta 2020).");
    }

    @Override
    public Optimizer create(NoConfig config) {
      return new CrossbarFormOptimizer();
    }
  }
}
