package org.bsnn.plugins.simulation.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.bsnn.api.snn.Propagation;
import org.bsnn.api.snn.SpikingNetwork;
import org.bsnn.plugins.simulation.engine.EngineKnobs;
import org.bsnn.plugins.simulation.engine.KernelChoice;
import org.bsnn.plugins.simulation.engine.KernelEngine;

/**
 * Dev tool (not a test): CPU seconds of the bitpacked engine on one thread for variants of an
 * engine knob, alternated in one JVM so that the machine's load drifts alike for all of them. Args:
 * network images timesteps batch knob values... (knob: samplesPerChunk).
 */
public final class EngineAB {
  public static void main(String[] a) throws Exception {
    String network = a[0];
    int images = Integer.parseInt(a[1]);
    int steps = Integer.parseInt(a[2]);
    int batch = Integer.parseInt(a[3]);
    String knob = a[4];
    int[] values = Arrays.stream(a).skip(5).mapToInt(Integer::parseInt).toArray();
    SnnBackendsBenchmark.Data data =
        SnnBackendsBenchmark.data(network, images, FashionMnistFile.findRepo());
    float[][] calibration = Arrays.copyOf(data.images(), Math.min(32, data.images().length));
    BenchNetworks.Options options =
        new BenchNetworks.Options(true, true, 99.9, Propagation.PIPELINED, 7, 0);
    SpikingNetwork snn =
        network.equals("vgg15ab")
            ? BenchNetworks.vgg(
                "vgg15ab", BenchNetworks.VGG15AB, data.shape(), calibration, options)
            : BenchNetworks.vgg(
                network, BenchNetworks.VGG_SMALL, data.shape(), calibration, options);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] sum = new double[values.length];
    for (int round = 0; round < 7; round++) {
      for (int i = 0; i < values.length; i++) {
        int threads = 1;
        if (knob.equals("threads")) {
          threads = values[i];
        } else {
          EngineKnobs.set(knob, values[i]);
        }
        KernelEngine engine = KernelEngine.bitpacked(steps, batch, 0, threads, KernelChoice.AUTO);
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        long t0 = mx.getCurrentThreadCpuTime();
        engine.simulate(snn, data.split(), List.of(), new BenchContext(1));
        double s = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
        double wall = (System.nanoTime() - w0) / 1e9;
        double process = (os.getProcessCpuTime() - c0) / 1e9;
        System.out.printf(
            "  wall %.3f s (%.0f img*ts/s), process cpu %.3f s%n",
            wall, images * (double) steps / wall, process);
        if (round > 0) {
          sum[i] += s;
        }
        System.out.printf(
            "round %d %s=%d: %.3f cpu s, %.1f us per img*ts%n",
            round, knob, values[i], s, s * 1e6 / images / steps);
      }
    }
    for (int i = 0; i < values.length; i++) {
      System.out.printf(
          "%s=%d mean %.1f us per img*ts%n", knob, values[i], sum[i] / 6 * 1e6 / images / steps);
    }
  }
}
