package org.bsnn.datasets.cifar;

import org.bsnn.api.plugin.AbstractPluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link Cifar100Source} as {@code cifar10}. */
public final class Cifar100Provider extends AbstractPluginProvider<DatasetSource, Cifar100Config> {
  /** Registers the plugin. */
  public Cifar100Provider() {
    super(
        Cifar100Source.ID,
        DatasetSource.class,
        Cifar100Config.class,
        Cifar100Config.defaults(),
        "CIFAR-100 (Krizhevsky 2009, fine or coarse labels) from the official binary files, memory-mapped; standard normalization, "
            + "pad-4 random crop + flip for training, deterministic evaluation.");
  }

  @Override
  public DatasetSource create(Cifar100Config config) {
    return new Cifar100Source(config);
  }
}
