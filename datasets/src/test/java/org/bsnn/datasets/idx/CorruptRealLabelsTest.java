package org.bsnn.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.datasets.CacheLocation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Fashion-MNIST with one damaged file in a temporary copy: one test label set to 200, and a
 * label file cut short. Skipped when the dataset is not in the repository cache ({@code ./bsnn data
 * fetch fashion-mnist} puts it there).
 */
class CorruptRealLabelsTest {

  private static final String[] FILES = {
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz"
  };

  @TempDir Path tmp;
  Path real;

  @BeforeEach
  void requireRealData() {
    real = CacheLocation.of("", "fashion-mnist");
    for (String f : FILES) {
      Assumptions.assumeTrue(
          Files.isRegularFile(real.resolve(f)),
          "Fashion-MNIST is not in " + real + " (run ./bsnn data fetch fashion-mnist); skipped");
    }
  }

  private IdxConfig idx(Path testLabels, int classes) {
    return new IdxConfig(
        "fashion-copy",
        real.resolve(FILES[0]).toString(),
        real.resolve(FILES[1]).toString(),
        real.resolve(FILES[2]).toString(),
        testLabels.toString(),
        classes,
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        false,
        0,
        0,
        0,
        0,
        false);
  }

  @Test
  void oneTestLabelOf200IsRefusedWithFileRecordAndValue() {
    byte[] labels = IdxFile.readLabels(real.resolve(FILES[3]));
    Path intact = tmp.resolve("intact-labels");
    IdxFile.writeLabels(intact, labels, false);
    // the untouched copy opens as the 10 classes it has
    assertEquals(10, new IdxSource(idx(intact, 0)).open(null).info().classes());

    labels[1234] = (byte) 200;
    Path corrupt = tmp.resolve("t10k-labels-corrupt");
    IdxFile.writeLabels(corrupt, labels, false);
    DataUnavailableException inferred =
        assertThrows(
            DataUnavailableException.class, () -> new IdxSource(idx(corrupt, 0)).open(null));
    String m = inferred.getMessage();
    assertTrue(m.contains("labels 0..200"), m);
    assertTrue(m.contains("imply 201 classes but 191 of them have no training example"), m);
    assertTrue(m.contains(corrupt + " record 1234 (label 200, byte offset 1242)"), m);
    assertTrue(m.contains("classes: 10"), m);

    DataUnavailableException set =
        assertThrows(
            DataUnavailableException.class, () -> new IdxSource(idx(corrupt, 10)).open(null));
    assertTrue(
        set.getMessage()
            .contains(corrupt + ": label 200 of record 1234 (byte offset 1242) is out of range"),
        set.getMessage());
  }

  @Test
  void aTruncatedCachedFileSaysToFetchItAgain() throws IOException {
    Path cache = tmp.resolve("cache");
    Path dir = Files.createDirectories(cache.resolve("fashion-mnist"));
    for (String f : FILES) {
      Files.copy(real.resolve(f), dir.resolve(f));
    }
    Path labels = dir.resolve(FILES[3]);
    byte[] b = Files.readAllBytes(labels);
    Files.write(labels, Arrays.copyOf(b, b.length / 2));
    FashionMnistConfig d = FashionMnistConfig.defaults();
    // allowUnverified: past the checksum, so the reader itself meets the damage
    FashionMnistConfig config =
        new FashionMnistConfig(cache.toString(), false, true, 0, 0, 0, 0, false, d.systemDir());
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class, () -> new FashionMnistSource(config).open(null));
    assertTrue(
        e.getMessage().startsWith(labels + ": truncated gzip file (" + b.length / 2 + " bytes)"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith("delete it and fetch it again with `./bsnn data fetch fashion-mnist`"),
        e.getMessage());
  }
}
