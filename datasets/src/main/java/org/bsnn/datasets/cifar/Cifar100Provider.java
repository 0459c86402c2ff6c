package org.bsnn.datasets.cifar;

import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.stage.DatasetSource;

/** Registers {@link Cifar100Source} as {@code cifar10}. */
public final class Cifar100Provider implements PluginProvider<DatasetSource, Cifar100Config> {

  @Override
  public String id() {
    return Cifar100Source.ID;
  }

  @Override
  public Class<DatasetSource> stage() {
    return DatasetSource.class;
  }

  @Override
  public Class<Cifar100Config> configType() {
    return Cifar100Config.class;
  }

  @Override
  public Cifar100Config defaults() {
    return Cifar100Config.defaults();
  }

  @Override
  public DatasetSource create(Cifar100Config config) {
    return new Cifar100Source(config);
  }

  @Override
  public String description() {
    return "CIFAR-100 (Krizhevsky 2009, fine or coarse labels) from the official binary files, memory-mapped; standard normalization, "
        + "pad-4 random crop + flip for training, deterministic evaluation.";
  }
}
