package org.bsnn.plugins.simulation.engine;

import java.util.Random;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.nd4j.linalg.factory.Nd4j;

/** Dev tool: ns per call of the binary conv kernel on vgg15ab layer shapes (not a test). */
public final class LayerTimer {
  public static void main(String[] args) {
    String[] layers = args.length > 0 ? args[0].split(",") : new String[] {"64x32-64p", "64x16-128", "128x16-128p", "128x8-256", "256x8-256", "256x8-256p", "256x4-512", "512x4-512", "512x4-512p", "512x2-512", "512x2-512p"};
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 0.07;
    String kind = args.length > 2 ? args[2] : "POPCOUNT";
    for (int round = 0; round < 3; round++) {
    double total = 0;
    for (String layer : layers) {
      String[] io = layer.split("-");
      String[] in = io[0].split("x");
      int c = Integer.parseInt(in[0]);
      int size = Integer.parseInt(in[1]);
      boolean pool = io[1].endsWith("p");
      int o = Integer.parseInt(pool ? io[1].substring(0, io[1].length() - 1) : io[1]);
      Random r = new Random(1);
      float[] signs = new float[o * c * 9];
      for (int i = 0; i < signs.length; i++) {
        signs[i] = r.nextBoolean() ? 1f : -1f;
      }
      float[] alpha = new float[o];
      java.util.Arrays.fill(alpha, 0.01f);
      Layout source = new Layout(new long[] {c, size, size});
      Tail tail = new Tail(o, size, size, pool ? 2 : 0, pool ? 2 : 0);
      Layer.Conv2d conv = new Layer.Conv2d(3, 1, 1,
          new Weights.Binary(Nd4j.create(signs, new long[] {o, c, 3, 3}, 'c'), Nd4j.create(alpha, new long[] {o}, 'c')), null);
      SampleKernel k = kind.equals("FLOAT") ? new FloatConvKernel(source, conv, signs, alpha, null, tail, size, size)
          : new BinaryConvKernel(source, conv, signs, alpha, null, tail, size, size, KernelChoice.valueOf(kind));
      long[][] bits = new long[8][source.words];
      int[] spikes = new int[8];
      for (int s = 0; s < 8; s++) {
        for (int p = 0; p < source.pixels; p++) {
          for (int ch = 0; ch < c; ch++) {
            if (r.nextDouble() < rate) {
              bits[s][p * source.wordsPerPixel + (ch >>> 6)] |= 1L << (ch & 63);
              spikes[s]++;
            }
          }
        }
      }
      float[] out = new float[tail.outSize()];
      Scratch scratch = new Scratch();
      int reps = (int) Math.max(50, 1e8 / ((double) o * c * 9 * size * size / 16));
      for (int i = 0; i < reps; i++) {
        k.compute(bits[i & 7], spikes[i & 7], scratch, out, true);
      }
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
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
