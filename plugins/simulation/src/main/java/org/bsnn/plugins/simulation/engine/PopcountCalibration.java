package org.bsnn.plugins.simulation.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many binary synapses per second the cores can evaluate at best: the kernels' own four-word
 * AND + popcount loop on rows that stay in the L1 cache (256 output channels, the width of
 * vgg15ab's middle layers), on {@code threads} threads at once. A synapse is one bit of a word: one
 * call evaluates 4 x 32 x 256 of them. Divided by a network's binary synapses per image and
 * timestep, this is the img·timesteps/s no popcount kernel can beat on this machine (memory
 * traffic, integrate-and-fire and gathering come on top).
 */
public final class PopcountCalibration {

  private static final int ROW = 256;

  private PopcountCalibration() {}

  /**
   * Synapses per second over {@code threads} threads, each running the loop for {@code seconds}
   * after a warm-up: quarter-second runs, at least 3 s of them and until one is no longer 5 %
   * faster than the best before it (at most 10 s), since the Vector API runs hundreds of times
   * slower until C2 has compiled the loop, which takes longer on a busy machine.
   */
  public static double synapsesPerSecond(int threads, double seconds) throws InterruptedException {
    double best = 0;
    for (int i = 0; i < 40; i++) {
      double rate = run(threads, 0.25);
      if (i >= 12 && rate < 1.05 * best) {
        break;
      }
      best = Math.max(best, rate);
    }
    return run(threads, seconds);
  }

  private static double run(int threads, double seconds) throws InterruptedException {
    AtomicLong calls = new AtomicLong();
    List<Thread> started = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      long seed = t;
      Thread thread =
          new Thread(
              () -> calls.addAndGet(loop(seed, (long) (seconds * 1e9))), "popcount-calibration");
      thread.start();
      started.add(thread);
    }
    for (Thread thread : started) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - t0) / 1e9;
    return calls.get() * 4.0 * 32 * ROW / elapsed;
  }

  /** Calls of the four-word loop run in {@code nanos}. */
  private static long loop(long seed, long nanos) {
    Random r = new Random(seed);
    int[][] rows = new int[4][ROW];
    for (int[] row : rows) {
      for (int j = 0; j < ROW; j++) {
        row[j] = r.nextInt();
      }
    }
    int[] counts = new int[ROW];
    long calls = 0;
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 64; i++) {
        // masks change per call, as a patch's words do, so that nothing is hoisted
        int m = (int) calls + i;
        Loops.popcountAnd4(counts, rows[0], m, rows[1], ~m, rows[2], m * 31, rows[3], -m, ROW);
      }
      calls += 64;
    }
    if (counts[0] == 42) {
      System.out.print(""); // keeps the counts alive
    }
    return calls;
  }
}
