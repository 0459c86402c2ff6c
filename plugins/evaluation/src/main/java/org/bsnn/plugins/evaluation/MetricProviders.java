package org.bsnn.plugins.evaluation;

import java.util.List;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Metric;

/** Providers of the built-in metrics. */
public final class MetricProviders {
  private MetricProviders() {}

  /** {@code ann-accuracy}. */
  public static final class AnnAccuracy extends AbstractPluginProvider<Metric, NoConfig> {
    /** Registers the plugin. */
    public AnnAccuracy() {
      super("ann-accuracy", Metric.class, NoConfig.class, new NoConfig(),
          "Top-1 accuracy of the trained ANN on the evaluation split.");
    }

    @Override
    public Metric create(NoConfig config) {
      return new AnnAccuracyMetric();
    }
  }

  /** {@code accuracy-vs-timestep}. */
  public static final class AccuracyVsTimestep extends AbstractPluginProvider<Metric, AccuracyVsTimestepConfig> {
    /** Registers the plugin. */
    public AccuracyVsTimestep() {
      super("accuracy-vs-timestep", Metric.class, AccuracyVsTimestepConfig.class, new AccuracyVsTimestepConfig(List.of(0.5, 1.0)),
          "SNN accuracy at every timestep, final accuracy, and timesteps to come within x pt of the ANN.");
    }

    @Override
    public Metric create(AccuracyVsTimestepConfig config) {
      return new AccuracyVsTimestepMetric(config);
    }
  }

  /** {@code spikes-per-layer}. */
  public static final class SpikesPerLayer extends AbstractPluginProvider<Metric, NoConfig> {
    /** Registers the plugin. */
    public SpikesPerLayer() {
      super("spikes-per-layer", Metric.class, NoConfig.class, new NoConfig(),
          "Spikes per sample per timestep and mean firing rate of every spiking layer.");
    }

    @Override
    public Metric create(NoConfig config) {
      return new SpikesPerLayerMetric();
    }
  }

  /** {@code exit-latency}. */
  public static final class ExitLatency extends AbstractPluginProvider<Metric, NoConfig> {
    /** Registers the plugin. */
    public ExitLatency() {
      super("exit-latency", Metric.class, NoConfig.class, new NoConfig(),
          "Timesteps used per sample (mean, median, 95th percentile) and the accuracy of the exit predictions.");
    }

    @Override
    public Metric create(NoConfig config) {
      return new ExitLatencyMetric();
    }
  }

  /** {@code confusion-matrix}. */
  public static final class ConfusionMatrix extends AbstractPluginProvider<Metric, ConfusionMatrixConfig> {
    /** Registers the plugin. */
    public ConfusionMatrix() {
      super("confusion-matrix", Metric.class, ConfusionMatrixConfig.class, new ConfusionMatrixConfig(List.of("ann", "snn")),
          "Confusion matrix and per-class precision, recall and F1 of the ANN and the SNN (Tribuo).");
    }

    @Override
    public Metric create(ConfusionMatrixConfig config) {
      return new ConfusionMatrixMetric(config);
    }
  }
}
