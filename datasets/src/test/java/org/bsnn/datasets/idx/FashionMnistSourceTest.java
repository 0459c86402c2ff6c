package org.bsnn.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataStatus;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads slices of the real Fashion-MNIST (fetched into the repository cache if missing). */
class FashionMnistSourceTest {

  @TempDir Path tmp;

  @Test
  void realTrainingSliceHasTheKnownLabelsAndPixels() {
    FashionMnistSource source = RealData.fashion(RealData.fashionConfig(5000, 1000, 1000));
    TestRunContext ctx = new TestRunContext(0, "test", "test", tmp);
    Dataset d = source.open(ctx);

    assertEquals(1000, d.train().size());
    assertEquals(5000, d.validation().orElseThrow().size());
    assertEquals(1000, d.test().size());
    assertEquals(10, d.info().classes());
    assertArrayEquals(new long[] {1, 28, 28}, d.info().imageShape());

    int[] hist = new int[10];
    int[] first10 = new int[10];
    Iterator<Batch> it = d.train().batches(256);
    int seen = 0;
    while (it.hasNext()) {
      try (Batch b = it.next()) {
        assertArrayEquals(new long[] {b.size(), 1, 28, 28}, b.features().shape());
        if (seen == 0) {
          System.arraycopy(b.labels(), 0, first10, 0, 10);
          // image 0, pixel (14, 14) is byte 217 in the file
          float v = b.features().getFloat(0, 0, 14, 14);
          assertEquals((217 / 255.0 - 0.2860) / 0.3530, v, 1e-5);
        }
        for (int l : b.labels()) {
          hist[l]++;
        }
        seen += b.size();
      }
    }
    assertEquals(1000, seen);
    // label histogram of the first 1000 training images, computed independently with Python
    assertArrayEquals(new int[] {107, 104, 86, 92, 95, 100, 100, 115, 102, 99}, hist);
    assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, first10);

    // the validation split is the last 5,000 training images
    int[] vh = new int[10];
    Iterator<Batch> vit = d.validation().orElseThrow().batches(1000);
    while (vit.hasNext()) {
      try (Batch b = vit.next()) {
        for (int l : b.labels()) {
          vh[l]++;
        }
      }
    }
    assertArrayEquals(new int[] {521, 497, 490, 508, 527, 503, 467, 450, 515, 522}, vh);

    int[] th = new int[10];
    Iterator<Batch> tit = d.test().batches(1000);
    try (Batch b = tit.next()) {
      for (int l : b.labels()) {
        th[l]++;
      }
    }
    assertArrayEquals(new int[] {107, 105, 111, 93, 115, 87, 97, 95, 95, 95}, th);

    @SuppressWarnings("unchecked")
    Map<String, String> sums = (Map<String, String>) ctx.recordedProvenance().get("checksums");
    assertEquals(
        "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
        sums.get("train-images-idx3-ubyte.gz"));
    assertEquals(sums, d.info().checksums());
    assertTrue(ctx.recordedProvenance().containsKey("preprocessing"));
    assertEquals(0.2860, ((java.util.List<?>) d.info().preprocessing().get("mean")).get(0));
  }

  @Test
  void statusVerifiesEveryFileAndMagicAndShapeAreRight() {
    FashionMnistSource source = RealData.fashion(FashionMnistConfig.defaults());
    DataStatus s = source.status();
    assertTrue(s.ready(), s.toString());
    assertEquals(4, s.files().size());
    s.files().forEach(f -> assertEquals(ChecksumState.VERIFIED, f.state(), f.path()));
    IdxFile.Images test = IdxFile.readImages(source.locate("t10k-images-idx3-ubyte"));
    assertEquals(10000, test.count());
    assertEquals(28, test.rows());
    assertEquals(28, test.columns());
  }

  @Test
  void missingFilesWithoutAutoFetchSayWhereAndHow() {
    FashionMnistConfig c =
        new FashionMnistConfig(tmp.toString(), false, false, 0, 0, 0, 0, false, "");
    FashionMnistSource source = new FashionMnistSource(c);
    DataStatus s = source.status();
    assertEquals(ChecksumState.MISSING, s.files().get(0).state());
    assertTrue(s.howToGet().contains("./bsnn data fetch fashion-mnist"), s.howToGet());
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> source.open(new TestRunContext(0, "test", "test", tmp)));
    assertTrue(
        e.getMessage()
            .contains(
                tmp.resolve("fashion-mnist").resolve("train-images-idx3-ubyte.gz").toString()),
        e.getMessage());
    assertTrue(e.getMessage().contains("./bsnn data fetch fashion-mnist"), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get download dataset-fashion-mnist"), e.getMessage());
  }

  @Test
  void aDifferentFileIsAMismatch() throws Exception {
    Path d = tmp.resolve("fashion-mnist");
    Files.createDirectories(d);
    IdxFile.writeLabels(d.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3}, true);
    FashionMnistSource source =
        new FashionMnistSource(
            new FashionMnistConfig(tmp.toString(), false, false, 0, 0, 0, 0, false, ""));
    DataStatus s = source.status();
    assertEquals(ChecksumState.MISMATCH, s.files().get(3).state());
    assertEquals(ChecksumState.MISSING, s.files().get(0).state());
  }
}
