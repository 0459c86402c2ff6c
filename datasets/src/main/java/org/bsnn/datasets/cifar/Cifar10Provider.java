package org.bsnn.datasets.cifar;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link Cifar10Source} as {@code cifar10}. */
public final class Cifar10Provider extends AbstractPluginProvider<DatasetSource, Cifar10Config> {
  /** Registers the plugin. */
  public Cifar10Provider() {
    super(
        Cifar10Source.ID,
        DatasetSource.class,
        Cifar10Config.class,
        Cifar10Config.defaults(),
        "CIFAR-10 (Krizhevsky 2009) from the official binary files, memory-mapped; standard normalization, "
            + "pad-4 random crop + flip for training, deterministic evaluation.");
  }

  @Override
  public DatasetSource create(Cifar10Config config) {
    return new Cifar10Source(config);
  }
}
