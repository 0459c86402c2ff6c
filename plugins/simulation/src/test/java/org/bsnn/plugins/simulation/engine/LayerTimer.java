package org.bsnn.plugins.simulation.engine;

import java.util.Random;

/** Dev tool: ns per call of the binary conv kernel on vgg15ab layer shapes (not a test). */
public final class LayerTimer {
  public static void main(String[] args) {
    String[] layers =
        args.length > 0
            ? args[0].split(",")
            : new String[] {
              "64x32-64p",
              "64x16-128",
              "128x16-128p",
              "128x8-256",
              "256x8-256",
              "256x8-256p",
              "256x4-512",
              "512x4-512",
              "512x4-512p",
              "512x2-512",
              "512x2-512p"
            };
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 0.07;
    String kind = args.length > 2 ? args[2] : "POPCOUNT";
    for (int round = 0; round < 3; round++) {
      double total = 0;
      for (String layer : layers) {
        Random r = new Random(1);
        BenchConvLayer l = BenchConvLayer.of(layer, r);
        int c = l.inChannels();
        int o = l.outChannels();
        int size = l.size();
        Tail tail = l.tail();
        SampleKernel k =
            kind.equals("FLOAT")
                ? new FloatConvKernel(
                    l.source(), l.conv(), l.signs(), l.alpha(), null, tail, size, size)
                : l.binaryKernel(KernelChoice.valueOf(kind));
        long[][] bits = new long[8][l.source().words];
        int[] spikes = new int[8];
        for (int s = 0; s < 8; s++) {
          spikes[s] = l.randomSpikes(r, rate, bits[s]);
        }
        float[] out = new float[tail.outSize()];
        Scratch scratch = new Scratch();
        int reps = (int) Math.max(50, 1e8 / ((double) o * c * 9 * size * size / 16));
        for (int i = 0; i < reps; i++) {
          k.compute(bits[i & 7], spikes[i & 7], scratch, out, true);
        }
        java.lang.management.ThreadMXBean mx =
            java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
          k.compute(bits[i & 7], spikes[i & 7], scratch, out, true);
        }
        double us = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / reps;
        total += us;
        System.out.printf("%-12s %8.1f us  (%s)%n", layer, us, k.describe());
      }
      System.out.printf("total %.1f us%n", total);
    }
  }
}
