package org.bsnn.datasets.synthetic;

import java.util.SplittableRandom;
import org.bsnn.datasets.ByteImages;

/**
 * Images generated on demand, so any size costs no memory: image {@code i} of split {@code s} is a
 * function of (seed, s, i) alone.
 *
 * <p>Each class has one smooth pattern per channel, a sum of three plane waves {@code a_j sin(2π
 * (fx_j x / W + fy_j y / H) + φ_j)} with frequencies in [0.5, 2.5] cycles per image and random
 * amplitudes and phases, drawn from the seed. An image of class k is {@code 0.5 + 0.4 · contrast ·
 * pattern_k(y + dy, x + dx) + noise · N(0, 1)}, clamped to [0, 1] and stored as a byte, with a
 * random contrast in [0.7, 1.3] and a random translation (dy, dx) in [-shift, shift]². Patterns
 * differ between classes far more than within, so a small network learns them to high accuracy;
 * noise and shift make it less than trivial.
 */
public final class SyntheticImages extends ByteImages {

  private static final int TERMS = 3;

  private final int count;
  private final int classes;
  private final long seed;
  private final int split;
  private final double noise;
  private final int shift;

  /** [class][channel][term] amplitude, x frequency (radians per pixel), y frequency, phase. */
  private final double[][][][] waves;

  /**
   * @param split 0 for the training file, 1 for the test file
   */
  public SyntheticImages(SyntheticConfig c, int split, int count) {
    super(c.channels(), c.height(), c.width());
    this.count = count;
    this.classes = c.classes();
    this.seed = c.seed();
    this.split = split;
    this.noise = c.noise();
    this.shift = c.shift();
    this.waves = new double[classes][c.channels()][TERMS][];
    SplittableRandom r = new SplittableRandom(mix(mix(c.seed()) ^ 0x5EEDL));
    for (int k = 0; k < classes; k++) {
      for (int ch = 0; ch < c.channels(); ch++) {
        double norm = 0;
        for (int t = 0; t < TERMS; t++) {
          double a = 0.5 + r.nextDouble();
          double fx = signed(r, 0.5, 2.5) * 2 * Math.PI / c.width();
          double fy = signed(r, 0.5, 2.5) * 2 * Math.PI / c.height();
          double phase = r.nextDouble() * 2 * Math.PI;
          waves[k][ch][t] = new double[] {a, fx, fy, phase};
          norm += a;
        }
        for (int t = 0; t < TERMS; t++) {
          waves[k][ch][t][0] /= norm;
        }
      }
    }
  }

  private static double signed(SplittableRandom r, double lo, double hi) {
    double v = lo + r.nextDouble() * (hi - lo);
    return r.nextBoolean() ? v : -v;
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public int label(int index) {
    return imageRandom(index).nextInt(classes);
  }

  @Override
  protected void raw(int index, byte[] dst) {
    SplittableRandom r = imageRandom(index);
    int k = r.nextInt(classes);
    int dy = shift == 0 ? 0 : r.nextInt(2 * shift + 1) - shift;
    int dx = shift == 0 ? 0 : r.nextInt(2 * shift + 1) - shift;
    double contrast = 0.7 + 0.6 * r.nextDouble();
    int h = height();
    int w = width();
    double[] sx = new double[w];
    double[] cx = new double[w];
    int p = 0;
    for (int ch = 0; ch < channels(); ch++) {
      double[] plane = new double[h * w];
      for (double[] wave : waves[k][ch]) {
        double a = wave[0] * contrast * 0.4;
        for (int x = 0; x < w; x++) {
          double ang = wave[1] * (x + dx) + wave[3];
          sx[x] = Math.sin(ang);
          cx[x] = Math.cos(ang);
        }
        for (int y = 0; y < h; y++) {
          double ang = wave[2] * (y + dy);
          double sy = a * Math.sin(ang);
          double cy = a * Math.cos(ang);
          int row = y * w;
          for (int x = 0; x < w; x++) {
            plane[row + x] += sx[x] * cy + cx[x] * sy; // a sin(angX + angY)
          }
        }
      }
      for (int i = 0; i < plane.length; i++) {
        double v = 0.5 + plane[i] + (noise == 0 ? 0 : noise * gaussian(r));
        dst[p++] = (byte) Math.round(255 * Math.min(1, Math.max(0, v)));
      }
    }
  }

  private SplittableRandom imageRandom(int index) {
    return new SplittableRandom(mix(mix(mix(seed) + split) + index));
  }

  /** Box–Muller from the image's own generator (no hidden state). */
  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** The splitmix64 finalizer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
