package org.bsnn.plugins.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.Dataset;
import org.bsnn.datasets.idx.FashionMnistConfig;
import org.bsnn.datasets.idx.FashionMnistSource;

/**
 * The PyTorch fixtures (made by tools/pytorch-fixtures/make_fixtures.sh) and the Fashion-MNIST test
 * images they were evaluated on, read through the workbench's own dataset source.
 */
final class PyTorchFixtures {

  /** Images the fixtures hold PyTorch's logits for: the first of the test file. */
  static final int IMAGES = 500;

  private PyTorchFixtures() {}

  /** A fixture file, e.g. "vgg.onnx". */
  static Path file(String name) {
    try {
      return Path.of(PyTorchFixtures.class.getResource("/pytorch/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture pytorch/" + name, e);
    }
  }

  /** The checkout's Fashion-MNIST cache, found upwards from the working directory. */
  static Path cache() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("datasets").resolve("cache");
      if (Files.isRegularFile(c.resolve("fashion-mnist").resolve("t10k-images-idx3-ubyte.gz"))) {
        return c;
      }
    }
    return null;
  }

  /**
   * The first {@value #IMAGES} preprocessed test images; skips the test (with a message) when the
   * Fashion-MNIST cache is absent.
   */
  static DataSplit testImages() {
    Path cache = cache();
    assumeTrue(
        cache != null,
        "Fashion-MNIST is not in datasets/cache (run `./bsnn data fetch fashion-mnist`); skipped");
    FashionMnistConfig config =
        new FashionMnistConfig(cache.toString(), false, false, 0, 0, IMAGES, 0, false, "");
    Dataset data = new FashionMnistSource(config).open(null);
    return data.test();
  }
}
