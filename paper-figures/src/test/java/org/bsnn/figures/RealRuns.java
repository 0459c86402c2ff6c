package org.bsnn.figures;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;

/**
 * Real run directories copied from {@code results/runs/} into the test resources: the interim
 * Fashion-MNIST quick experiment (FP vs binary MLP, 10,000 test images, 100 timesteps, commit
 * fa3ff31) and the smoke pipeline with early exit (threshold 3, 30 timesteps, commit 656bbe9).
 */
final class RealRuns {

  private RealRuns() {}

  static Path dir(String name) {
    try {
      return Path.of(RealRuns.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path fashionMnistDir() {
    return dir("fashion-mnist-mlp");
  }

  static Path earlyExitDir() {
    return dir("early-exit");
  }

  static List<ResultRow> fashionMnist() {
    return ResultsCsv.read(fashionMnistDir().resolve("results.csv"));
  }

  static List<ResultRow> earlyExit() {
    return ResultsCsv.read(earlyExitDir().resolve("results.csv"));
  }
}
