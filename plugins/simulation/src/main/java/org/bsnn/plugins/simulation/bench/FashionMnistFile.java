package org.bsnn.plugins.simulation.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads Fashion-MNIST test images and labels straight from the gzip IDX files in {@code
 * <repo>/datasets/cache/fashion-mnist/} (this module may not depend on the datasets module). Pixels
 * are scaled to [0, 1].
 */
public final class FashionMnistFile {

  private FashionMnistFile() {}

  /** The cache folder under a repository root. */
  public static Path folder(Path repo) {
    return repo.resolve("datasets").resolve("cache").resolve("fashion-mnist");
  }

  /**
   * Finds the repository root from {@code bsnn.home} or by walking up from the working directory to
   * a folder holding {@code datasets/cache/fashion-mnist/t10k-images-idx3-ubyte.gz}; null if there
   * is none.
   */
  public static Path findRepo() {
    String home = System.getProperty("bsnn.home");
    if (home != null && Files.exists(folder(Path.of(home)).resolve("t10k-images-idx3-ubyte.gz"))) {
      return Path.of(home);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.exists(folder(p).resolve("t10k-images-idx3-ubyte.gz"))) {
        return p;
      }
      p = p.getParent();
    }
    return null;
  }

  /** The first {@code count} test images, flat [784] each, in [0, 1]. */
  public static float[][] testImages(Path repo, int count) throws IOException {
    try (DataInputStream in = open(folder(repo).resolve("t10k-images-idx3-ubyte.gz"))) {
      if (in.readInt() != 2051) {
        throw new IOException("not an IDX image file");
      }
      int n = Math.min(count, in.readInt());
      int rows = in.readInt();
      int cols = in.readInt();
      float[][] images = new float[n][rows * cols];
      byte[] buffer = new byte[rows * cols];
      for (int i = 0; i < n; i++) {
        in.readFully(buffer);
        for (int j = 0; j < buffer.length; j++) {
          images[i][j] = (buffer[j] & 0xff) / 255f;
        }
      }
      return images;
    }
  }

  /** The first {@code count} test labels. */
  public static int[] testLabels(Path repo, int count) throws IOException {
    try (DataInputStream in = open(folder(repo).resolve("t10k-labels-idx1-ubyte.gz"))) {
      if (in.readInt() != 2049) {
        throw new IOException("not an IDX label file");
      }
      int n = Math.min(count, in.readInt());
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = in.readUnsignedByte();
      }
      return labels;
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    return new DataInputStream(
        new java.io.BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
  }
}
