package org.bsnn.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataStatus;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.data.Dataset;
import org.bsnn.datasets.Sha256;
import org.bsnn.datasets.fetch.TarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10SourceTest {

  @TempDir Path root;

  static Cifar10Config config(Path root, int validation, boolean checkCounts) {
    return new Cifar10Config(
        root.toString(), validation, 0, 0, 4, true, List.of(), List.of(), checkCounts);
  }

  @Test
  void readsGeneratedFilesInFileOrderAcrossBatches() throws Exception {
    Path dir = CifarFiles.cifar10(root, 3, 4);
    TestRunContext ctx = new TestRunContext(0, "test", "test", root);
    Dataset d = new Cifar10Source(config(root, 2, false)).open(ctx);
    assertEquals(13, d.train().size());
    assertEquals(2, d.validation().orElseThrow().size());
    assertEquals(4, d.test().size());
    assertEquals(Cifar10Source.CLASSES, d.info().classNames());
    assertArrayEquals(new long[] {3, 32, 32}, d.info().imageShape());
    try (Batch b = d.train().batches(100).next()) {
      // data_batch_1 records 0..2 then data_batch_2 records 0..2 ...
      assertArrayEquals(new int[] {1, 2, 3, 2, 3, 4, 3, 4, 5, 4, 5, 6, 5}, b.labels());
      // record 1 of data_batch_2: red pixel 0 = 2*50 + 7 = 107; blue pixel 0 = (107 + 2048) mod 256
      assertEquals((107 / 255.0 - 0.4914) / 0.2470, b.features().getFloat(4, 0, 0, 0), 1e-5);
      assertEquals(
          ((107 + 2048) % 256 / 255.0 - 0.4465) / 0.2616, b.features().getFloat(4, 2, 0, 0), 1e-5);
    }
    try (Batch b = d.validation().orElseThrow().batches(10).next()) {
      assertArrayEquals(new int[] {6, 7}, b.labels()); // the last two records of data_batch_5
    }
    try (Batch a = d.train().trainingBatches(13, new SplittableRandom(9)).next();
        Batch b = d.train().trainingBatches(13, new SplittableRandom(9)).next()) {
      assertArrayEquals(a.features().data().asFloat(), b.features().data().asFloat());
    }
    assertEquals(
        Sha256.ofFile(dir.resolve("test_batch.bin")), d.info().checksums().get("test_batch.bin"));
    assertEquals(d.info().checksums(), ctx.recordedProvenance().get("checksums"));
    DataStatus s = new Cifar10Source(config(root, 0, false)).status();
    assertTrue(s.ready());
    assertEquals(ChecksumState.NOT_RECORDED, s.files().get(0).state());
  }

  @Test
  void rootMayBeTheBinFolderItself() throws Exception {
    Path dir = CifarFiles.cifar10(root, 2, 2);
    assertEquals(10, new Cifar10Source(config(dir, 0, false)).open(null).train().size());
  }

  @Test
  void extractsTheOfficialArchiveLayout() throws Exception {
    Path src = root.resolve("src");
    Path dir = CifarFiles.cifar10(src, 2, 3);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (String f : CifarFormat.CIFAR10.allFiles()) {
      entries.put("cifar-10-batches-bin/" + f, Files.readAllBytes(dir.resolve(f)));
    }
    entries.put(
        "cifar-10-batches-bin/batches.meta.txt", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n".getBytes());
    Path home = root.resolve("home");
    Files.createDirectories(home);
    TarWriter.write(home.resolve("cifar-10-binary.tar.gz"), entries);
    Dataset d = new Cifar10Source(config(home, 0, false)).open(null);
    assertEquals(3, d.test().size());
    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), d.info().classNames());
    assertTrue(Files.isRegularFile(home.resolve("cifar-10-batches-bin/data_batch_5.bin")));
  }

  @Test
  void missingFilesNameEveryExpectedFileAndTheDownload() {
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> new Cifar10Source(config(root, 0, true)).open(null));
    String m = e.getMessage();
    assertTrue(m.contains(root.resolve("cifar-10-batches-bin/data_batch_1.bin").toString()), m);
    assertTrue(m.contains("test_batch.bin"), m);
    assertTrue(m.contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), m);
    assertEquals(
        ChecksumState.MISSING,
        new Cifar10Source(config(root, 0, true)).status().files().get(5).state());
  }

  @Test
  void truncatedFileNamesTheIncompleteRecord() throws Exception {
    Path dir = CifarFiles.cifar10(root, 3, 2);
    Path f = dir.resolve("data_batch_3.bin");
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(2 * 3073 + 100);
    }
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> new Cifar10Source(config(root, 0, false)).open(null));
    assertTrue(e.getMessage().contains(f + ": wrong length 6246 bytes"), e.getMessage());
    assertTrue(
        e.getMessage().contains("record 2 at byte offset 6146 is incomplete"), e.getMessage());
  }

  @Test
  void officialCountsCatchAFileCutAtARecordBoundary() throws Exception {
    CifarFiles.cifar10(root, 3, 2);
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> new Cifar10Source(config(root, 0, true)).open(null));
    assertTrue(
        e.getMessage().contains("data_batch_1.bin: 3 records, the official file has 10000"),
        e.getMessage());
  }

  @Test
  void labelOutOfRangeNamesRecordAndOffset() throws Exception {
    Path dir = CifarFiles.cifar10(root, 3, 2);
    Path f = dir.resolve("test_batch.bin");
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.seek(3073);
      raf.write(10);
    }
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> new Cifar10Source(config(root, 0, false)).open(null));
    assertTrue(
        e.getMessage().contains(f + ": label 10 of record 1 (byte offset 3073) is out of range"),
        e.getMessage());
  }
}
