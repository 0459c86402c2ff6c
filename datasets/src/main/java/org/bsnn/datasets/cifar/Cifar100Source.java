package org.bsnn.datasets.cifar;

import java.nio.file.Path;
import java.util.List;
import org.bsnn.datasets.Normalization;

/**
 * CIFAR-100 (Krizhevsky 2009), official binary version: {@code cifar-100-binary/train.bin} (50,000
 * records) and {@code test.bin} (10,000); a record is the coarse label byte, the fine label byte
 * and 3,072 pixel bytes (R, G, B planes of 32×32). Config {@code labels} picks fine (100 classes)
 * or coarse (20). Users download {@value #URL} and point {@code root} at it.
 *
 * <p>Normalization: the standard training-set statistics, mean (0.5071, 0.4865, 0.4409), std
 * (0.2673, 0.2564, 0.2762). Training augmentation by default: pad-4 random crop and flip.
 */
public final class Cifar100Source extends CifarSource {

  /** The plugin id. */
  public static final String ID = "cifar100";

  /** The official download. */
  public static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz";

  /** Fine class names in label order (fine_label_names.txt of the release). */
  public static final List<String> FINE =
      List.of(
          "apple",
          "aquarium_fish",
          "baby",
          "bear",
          "beaver",
          "bed",
          "bee",
          "beetle",
          "bicycle",
          "bottle",
          "bowl",
          "boy",
          "bridge",
          "bus",
          "butterfly",
          "camel",
          "can",
          "castle",
          "caterpillar",
          "cattle",
          "chair",
          "chimpanzee",
          "clock",
          "cloud",
          "cockroach",
          "couch",
          "crab",
          "crocodile",
          "cup",
          "dinosaur",
          "dolphin",
          "elephant",
          "flatfish",
          "forest",
          "fox",
          "girl",
          "hamster",
          "house",
          "kangaroo",
          "keyboard",
          "lamp",
          "lawn_mower",
          "leopard",
          "lion",
          "lizard",
          "lobster",
          "man",
          "maple_tree",
          "motorcycle",
          "mountain",
          "mouse",
          "mushroom",
          "oak_tree",
          "orange",
          "orchid",
          "otter",
          "palm_tree",
          "pear",
          "pickup_truck",
          "pine_tree",
          "plain",
          "plate",
          "poppy",
          "porcupine",
          "possum",
          "rabbit",
          "raccoon",
          "ray",
          "road",
          "rocket",
          "rose",
          "sea",
          "seal",
          "shark",
          "shrew",
          "skunk",
          "skyscraper",
          "snail",
          "snake",
          "spider",
          "squirrel",
          "streetcar",
          "sunflower",
          "sweet_pepper",
          "table",
          "tank",
          "telephone",
          "television",
          "tiger",
          "tractor",
          "train",
          "trout",
          "tulip",
          "turtle",
          "wardrobe",
          "whale",
          "willow_tree",
          "wolf",
          "woman",
          "worm");

  /** Coarse class names in label order (coarse_label_names.txt of the release). */
  public static final List<String> COARSE =
      List.of(
          "aquatic_mammals",
          "fish",
          "flowers",
          "food_containers",
          "fruit_and_vegetables",
          "household_electrical_devices",
          "household_furniture",
          "insects",
          "large_carnivores",
          "large_man-made_outdoor_things",
          "large_natural_outdoor_scenes",
          "large_omnivores_and_herbivores",
          "medium_mammals",
          "non-insect_invertebrates",
          "people",
          "reptiles",
          "small_mammals",
          "trees",
          "vehicles_1",
          "vehicles_2");

  private final Cifar100Config config;

  /** Creates the source; touches no file. */
  public Cifar100Source(Cifar100Config config) {
    super(CifarFormat.CIFAR100, config.root());
    this.config = config;
  }

  @Override
  int labelIndex() {
    return config.labels() == Cifar100Config.Labels.COARSE ? 0 : 1;
  }

  @Override
  String datasetName() {
    return ID + (config.labels() == Cifar100Config.Labels.COARSE ? "-coarse" : "");
  }

  @Override
  List<String> classNames(Path dir) {
    return config.labels() == Cifar100Config.Labels.COARSE
        ? namesFrom(dir.resolve("coarse_label_names.txt"), COARSE)
        : namesFrom(dir.resolve("fine_label_names.txt"), FINE);
  }

  @Override
  Normalization standardNormalization() {
    return new Normalization(
        List.of(0.5071, 0.4865, 0.4409),
        List.of(0.2673, 0.2564, 0.2762),
        "standard CIFAR-100 training-set statistics");
  }

  @Override
  CifarOptions options() {
    return config.options();
  }
}
