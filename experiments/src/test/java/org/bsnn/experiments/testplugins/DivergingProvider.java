package org.bsnn.experiments.testplugins;

import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Weights;
import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Provides the test-only {@code test-diverging} trainer: it returns the model's network with one
 * weight of the first weighted layer set to NaN, as a training run that diverged without a NaN loss
 * would, so the runner's check of every trainer's output can be exercised.
 */
public final class DivergingProvider extends AbstractPluginProvider<Trainer, DivergingConfig> {
  /** Registers the plugin. */
  public DivergingProvider() {
    super(
        "test-diverging",
        Trainer.class,
        DivergingConfig.class,
        new DivergingConfig(0),
        "Test-only trainer whose output holds one NaN weight (a diverged training run).");
  }

  @Override
  public Trainer create(DivergingConfig config) {
    return (initial, data, binarizer, context) -> {
      Network net = initial.orElseThrow();
      String first = net.weightedNodes().get(0).name();
      return net.mapNodes(
          node -> {
            if (!node.name().equals(first)) {
              return node;
            }
            Layer.Weighted layer = node.layer().asWeighted().orElseThrow();
            INDArray w = layer.weights().dense();
            w.putScalar(config.index(), Float.NaN);
            return node.withLayer(layer.withParameters(new Weights.FullPrecision(w), layer.bias()));
          });
    };
  }
}
