package org.bsnn.datasets.cifar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes CIFAR binary files for tests. Pixel p of record r in file f is (f * 50 + r * 7 + p) mod
 * 256.
 */
final class CifarFiles {
  private CifarFiles() {}

  static byte[] records(int fileIndex, int n, int[][] labels) {
    int labelBytes = labels[0].length;
    int len = labelBytes + 3072;
    byte[] b = new byte[n * len];
    for (int r = 0; r < n; r++) {
      for (int k = 0; k < labelBytes; k++) {
        b[r * len + k] = (byte) labels[r][k];
      }
      for (int p = 0; p < 3072; p++) {
        b[r * len + labelBytes + p] = (byte) (fileIndex * 50 + r * 7 + p);
      }
    }
    return b;
  }

  /**
   * Five training files of {@code perFile} records, labels (file + record) % 10; a test file of
   * {@code test}.
   */
  static Path cifar10(Path root, int perFile, int test) throws IOException {
    Path dir = root.resolve("cifar-10-batches-bin");
    Files.createDirectories(dir);
    for (int f = 1; f <= 5; f++) {
      int[][] labels = new int[perFile][];
      for (int r = 0; r < perFile; r++) {
        labels[r] = new int[] {(f + r) % 10};
      }
      Files.write(dir.resolve("data_batch_" + f + ".bin"), records(f, perFile, labels));
    }
    int[][] labels = new int[test][];
    for (int r = 0; r < test; r++) {
      labels[r] = new int[] {(9 * r) % 10};
    }
    Files.write(dir.resolve("test_batch.bin"), records(0, test, labels));
    return dir;
  }

  /**
   * train.bin with {@code train} records, test.bin with {@code test}; coarse = r % 20, fine = (3 r)
   * % 100.
   */
  static Path cifar100(Path root, int train, int test) throws IOException {
    Path dir = root.resolve("cifar-100-binary");
    Files.createDirectories(dir);
    for (String name : new String[] {"train.bin", "test.bin"}) {
      int n = name.equals("train.bin") ? train : test;
      int[][] labels = new int[n][];
      for (int r = 0; r < n; r++) {
        labels[r] = new int[] {r % 20, (3 * r) % 100};
      }
      Files.write(dir.resolve(name), records(name.equals("train.bin") ? 1 : 0, n, labels));
    }
    return dir;
  }
}
