package org.bsnn.figures;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;

/**
 * Real run directories copied from {@code results/runs/} into the test resources: the interim
 * Fashion-MNIST quick experiment (FP vs binary MLP, 10,000 test images, 100 timesteps, commit
 * fa3ff31) and the smoke pipeline with early exit (threshold 3, 30 timesteps, commit 656bbe9); and,
 * trimmed to the accuracy and latency metrics (provenance without the per-stage details,
 * config.yaml without the job list), the quick suite's headline {@code fashion-mnist-vgg-small} and
 * its {@code fashion-mnist-early-exit} (thresholds 25 to 800) on the same networks and 2,000
 * images, seed 0, commit 588781c.
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

  static Path quickHeadlineDir() {
    return dir("quick-headline");
  }

  static Path quickEarlyExitDir() {
    return dir("quick-early-exit");
  }

  static List<ResultRow> fashionMnist() {
    return ResultsCsv.read(fashionMnistDir().resolve("results.csv"));
  }

  static List<ResultRow> earlyExit() {
    return ResultsCsv.read(earlyExitDir().resolve("results.csv"));
  }
}
