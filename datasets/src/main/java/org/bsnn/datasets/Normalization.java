package org.bsnn.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-channel normalization applied after scaling pixels to [0, 1]: {@code (pixel/255 - mean[c]) /
 * std[c]}, as torchvision's {@code ToTensor} + {@code Normalize}.
 *
 * @param mean per-channel mean of the [0, 1]-scaled training pixels, length = channels
 * @param std per-channel standard deviation of the same, length = channels, each positive
 * @param source where the statistics come from, for provenance (e.g. "Fashion-MNIST training set")
 */
public record Normalization(List<Double> mean, List<Double> std, String source) {

  /** Validates lengths and positivity. */
  public Normalization {
    mean = List.copyOf(mean);
    std = List.copyOf(std);
    if (mean.isEmpty() || mean.size() != std.size()) {
      throw new IllegalArgumentException(
          "mean and std need one value per channel, got " + mean.size() + " and " + std.size());
    }
    for (double s : std) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("std values must be positive and finite, got " + std);
      }
    }
  }

  /** Same statistics for every channel. */
  public static Normalization uniform(int channels, double mean, double std, String source) {
    return new Normalization(
        java.util.Collections.nCopies(channels, mean),
        java.util.Collections.nCopies(channels, std),
        source);
  }

  /** Number of channels. */
  public int channels() {
    return mean.size();
  }

  /**
   * Lookup table {@code [channel][byte value]} of normalized values, so that preprocessing a byte
   * pixel is one array access.
   */
  public float[][] byteTable() {
    float[][] t = new float[mean.size()][256];
    for (int c = 0; c < t.length; c++) {
      double m = mean.get(c);
      double s = std.get(c);
      for (int v = 0; v < 256; v++) {
        t[c][v] = (float) ((v / 255.0 - m) / s);
      }
    }
    return t;
  }

  /**
   * Statistics computed from byte pixels.
   *
   * @param sums per channel: [sum of x, sum of x squared, count] with x = byte/255
   */
  public static Normalization fromSums(double[][] sums, String source) {
    List<Double> m = new ArrayList<>();
    List<Double> s = new ArrayList<>();
    for (double[] c : sums) {
      double mean = c[0] / c[2];
      double var = Math.max(0, c[1] / c[2] - mean * mean);
      m.add(round(mean));
      s.add(round(Math.max(Math.sqrt(var), 1e-6)));
    }
    return new Normalization(m, s, source);
  }

  /** Resolves user-given statistics (empty = use {@code fallback}). */
  public static Normalization configured(
      List<Double> mean, List<Double> std, int channels, Normalization fallback, String what) {
    if (mean.isEmpty() && std.isEmpty()) {
      return fallback;
    }
    List<Double> m = expand(mean, channels, "mean", what);
    List<Double> s = expand(std, channels, "std", what);
    return new Normalization(m, s, "configured (" + what + ")");
  }

  private static List<Double> expand(List<Double> v, int channels, String key, String what) {
    if (v.size() == 1) {
      return java.util.Collections.nCopies(channels, v.get(0));
    }
    if (v.size() != channels) {
      throw new IllegalArgumentException(
          what + ": " + key + " needs 1 or " + channels + " values (one per channel), got " + v);
    }
    return v;
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  /** The provenance entry: scaling, statistics and their source. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scale", "pixel / 255");
    m.put("mean", mean);
    m.put("std", std);
    m.put("statistics", source);
    return m;
  }

  /**
   * The provenance entry "preprocessing" of a dataset whose images are evaluated in file order:
   * {@link #describe()}, then the training augmentation, then the evaluation order.
   */
  public Map<String, Object> describeFileOrder(PadCropFlip trainAugmentation) {
    Map<String, Object> m = describe();
    m.put("trainAugmentation", trainAugmentation.describe());
    m.put("evaluation", "file order, no augmentation");
    return m;
  }

  @Override
  public String toString() {
    return "mean " + mean + ", std " + std + " (" + source + ")";
  }

  static float[] toFloats(List<Double> v) {
    float[] f = new float[v.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = v.get(i).floatValue();
    }
    return f;
  }

  static String join(double[] v) {
    return Arrays.toString(v);
  }
}
