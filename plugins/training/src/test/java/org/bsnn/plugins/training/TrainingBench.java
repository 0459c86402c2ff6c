package org.bsnn.plugins.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.plugins.models.VggBuilder;
import org.bsnn.plugins.models.VggSmallProvider;
import org.bsnn.plugins.models.VggSpec;
import org.bsnn.plugins.models.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Manual throughput check of one vgg-small training step (not run in CI): {@code mvn -B -q test -pl
 * plugins/training -Dtest=TrainingBench -Dbench=true [-Dbatch=64] [-Dsteps=10]} (add {@code
 * -Dnd4j.classifier=linux-x86_64} for the backend without oneDNN).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class TrainingBench {

  @Test
  void vggSmallStepTimes() {
    Network net =
        VggBuilder.build(
            "v",
            new long[] {1, 28, 28},
            VggSpec.parse(VggSmallProvider.DEFAULT_LAYERS),
            new VggBuilder.Options(false, true, 0.1, false),
            new SplittableRandom(1));
    SameDiffNetwork sd = SameDiffNetwork.of(net);
    int batch = Integer.getInteger("batch", 64);
    INDArray x = WeightInit.normal(new long[] {batch, 1, 28, 28}, 1, new SplittableRandom(2));
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = i % 10;
    }
    INDArray y = GradientTrainer.oneHot(labels, 10);
    GradientOptimizer opt = GradientOptimizer.of(new AdamProvider().defaults().plan());
    SameDiffNetwork.Step step = null;
    for (int i = 0; i < 3; i++) {
      step = sd.step(x, y);
    }
    int n = Integer.getInteger("steps", 10);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      NetworkForward.run(net, x).close();
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      step = sd.step(x, y);
    }
    long t2 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      opt.step(sd.params(), step.gradients(), 1e-3, 0);
    }
    long t3 = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "batch %d: IR forward %.1f ms, forward+backward %.1f ms, optimizer %.1f ms"
            + " -> %.0f training images/s%n",
        batch,
        (t1 - t0) / 1e6 / n,
        (t2 - t1) / 1e6 / n,
        (t3 - t2) / 1e6 / n,
        batch * n / ((t3 - t1) / 1e9));
    // the machine is shared: a figure means little without the load it was measured under
    System.out.println(
        "backend "
            + Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor")
            + ", OMP_NUM_THREADS="
            + System.getenv("OMP_NUM_THREADS")
            + ", load average "
            + loadAverage());
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
