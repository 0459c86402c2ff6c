package org.bsnn.plugins.training;

import java.util.SplittableRandom;
import org.bsnn.api.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Manual throughput check: mvn test -pl plugins/training -Dtest=TrainingBench -Dbench=true. */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class TrainingBench {

  @Test
  void vggSmallStepTimes() {
    Network net = VggBuilder.build("v", new long[] {1, 28, 28}, VggSpec.parse("c32-c32p-c64-c64p-fc256-fc10"),
        new VggBuilder.Options(false, true, 0.1, false), new SplittableRandom(1));
    SameDiffNetwork dl = SameDiffNetwork.of(net);
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
      step = dl.step(x, y);
    }
    int n = 10;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      dl.logits(x).close();
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      step = dl.step(x, y);
    }
    long t2 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      opt.step(dl.params(), step.gradients(), 1e-3, 0);
    }
    long t3 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      org.bsnn.api.network.NetworkForward.run(net, x).close();
    }
    long t4 = System.nanoTime();
    System.out.printf("IR forward (libnd4j conv2d op) %.1f ms%n", (t4 - t3) / 1e6 / n);
    INDArray a = WeightInit.normal(new long[] {50176, 288}, 1, new SplittableRandom(3));
    INDArray b = WeightInit.normal(new long[] {288, 32}, 1, new SplittableRandom(4));
    a.mmul(b).close();
    long t5 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      a.mmul(b).close();
    }
    long t6 = System.nanoTime();
    System.out.printf("sgemm 50176x288x32: %.1f ms = %.1f GFLOP/s%n", (t6 - t5) / 1e6 / n,
        2.0 * 50176 * 288 * 32 * n / ((t6 - t5) / 1e9) / 1e9);
    System.out.printf("batch %d: forward %.1f ms, forward+backward %.1f ms, optimizer %.1f ms -> %.0f images/s%n",
        batch, (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n, (t3 - t2) / 1e6 / n, batch * n / ((t3 - t1) / 1e9));
  }
}
