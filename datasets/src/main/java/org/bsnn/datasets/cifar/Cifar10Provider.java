package org.bsnn.datasets.cifar;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link Cifar10Source} as {@code cifar10}. */
public final class Cifar10Provider implements PluginProvider<DatasetSource, Cifar10Config> {

  @Override
  public String id() {
    return Cifar10Source.ID;
  }

  @Override
  public Class<DatasetSource> stage() {
    return DatasetSource.class;
  }

  @Override
  public Class<Cifar10Config> configType() {
    return Cifar10Config.class;
  }

  @Override
  public Cifar10Config defaults() {
    return Cifar10Config.defaults();
  }

  @Override
  public DatasetSource create(Cifar10Config config) {
    return new Cifar10Source(config);
  }

  @Override
  public String description() {
    return "CIFAR-10 (Krizhevsky 2009) from the official binary files, memory-mapped; standard normalization, "
        + "pad-4 random crop + flip for training, deterministic evaluation.";
  }
}
