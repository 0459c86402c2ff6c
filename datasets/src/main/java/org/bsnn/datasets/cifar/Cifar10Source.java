package org.bsnn.datasets.cifar;

import java.nio.file.Path;
import java.util.List;
import org.bsnn.datasets.Normalization;

/**
 * CIFAR-10 (Krizhevsky 2009), official binary version: {@code
 * cifar-10-batches-bin/data_batch_1.bin} … {@code data_batch_5.bin} (10,000 records each) and
 * {@code test_batch.bin}; a record is 1 label byte and 3,072 pixel bytes (R, G, B planes of 32×32).
 * Not downloadable on this machine: users download {@value #URL} and point {@code root} at it.
 *
 * <p>Normalization: the standard per-channel statistics of the training set, mean (0.4914, 0.4822,
 * 0.4465), std (0.2470, 0.2435, 0.2616). (The often-copied std (0.2023, 0.1994, 0.2010) is not the
 * pixel standard deviation; give it with the config key {@code std} to match code that uses it.)
 * Training augmentation by default: random crop with 4 pixels of zero padding and horizontal flip,
 * as in the usual CIFAR recipe; evaluation is unaugmented and in file order.
 */
public final class Cifar10Source extends CifarSource {

  /** The plugin id. */
  public static final String ID = "cifar10";

  /** The official download. */
  public static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";

  /** Class names in label order (batches.meta.txt of the release). */
  public static final List<String> CLASSES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private final Cifar10Config config;

  /** Creates the source; touches no file. */
  public Cifar10Source(Cifar10Config config) {
    super(CifarFormat.CIFAR10, config.root());
    this.config = config;
  }

  @Override
  int labelIndex() {
    return 0;
  }

  @Override
  List<String> classNames(Path dir) {
    return namesFrom(dir.resolve("batches.meta.txt"), CLASSES);
  }

  @Override
  Normalization standardNormalization() {
    return new Normalization(
        List.of(0.4914, 0.4822, 0.4465),
        List.of(0.2470, 0.2435, 0.2616),
        "standard CIFAR-10 training-set statistics");
  }

  @Override
  CifarOptions options() {
    return config.options();
  }
}
