package org.bsnn.plugins.evaluation;

import java.util.List;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.Metric;

/** Providers of the built-in metrics. */
public final class MetricProviders {
  private MetricProviders() {}

  /** {@code ann-accuracy}. */
  public static final class AnnAccuracy implements PluginProvider<Metric, NoConfig> {
    @Override
    public String id() {
      return "ann-accuracy";
    }

    @Override
    public Class<Metric> stage() {
      return Metric.class;
    }

    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public NoConfig defaults() {
      return new NoConfig();
    }

    @Override
    public Metric create(NoConfig config) {
      return new AnnAccuracyMetric();
    }

    @Override
    public String description() {
      return "Top-1 accuracy of the trained ANN on the evaluation split.";
    }
  }

  /** {@code accuracy-vs-timestep}. */
  public static final class AccuracyVsTimestep implements PluginProvider<Metric, AccuracyVsTimestepConfig> {
    @Override
    public String id() {
      return "accuracy-vs-timestep";
    }

    @Override
    public Class<Metric> stage() {
      return Metric.class;
    }

    @Override
    public Class<AccuracyVsTimestepConfig> configType() {
      return AccuracyVsTimestepConfig.class;
    }

    @Override
    public AccuracyVsTimestepConfig defaults() {
      return new AccuracyVsTimestepConfig(List.of(0.5, 1.0));
    }

    @Override
    public Metric create(AccuracyVsTimestepConfig config) {
      return new AccuracyVsTimestepMetric(config);
    }

    @Override
    public String description() {
      return "SNN accuracy at every timestep, final accuracy, and timesteps to come within x pt of the ANN.";
    }
  }

  /** {@code spikes-per-layer}. */
  public static final class SpikesPerLayer implements PluginProvider<Metric, NoConfig> {
    @Override
    public String id() {
      return "spikes-per-layer";
    }

    @Override
    public Class<Metric> stage() {
      return Metric.class;
    }

    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public NoConfig defaults() {
      return new NoConfig();
    }

    @Override
    public Metric create(NoConfig config) {
      return new SpikesPerLayerMetric();
    }

    @Override
    public String description() {
      return "Spikes per sample per timestep and mean firing rate of every spiking layer.";
    }
  }
}
