package org.bsnn.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.data.Dataset;
import org.bsnn.datasets.cifar.Cifar100Config.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar100SourceTest {

  @TempDir Path root;

  static Cifar100Config config(Path root, Labels labels) {
    return new Cifar100Config(
        root.toString(), labels, 0, 0, 0, 0, false, List.of(), List.of(), false);
  }

  @Test
  void fineAndCoarseLabelsComeFromTheirOwnBytes() throws Exception {
    CifarFiles.cifar100(root, 40, 5);
    Dataset fine = new Cifar100Source(config(root, Labels.FINE)).open(null);
    Dataset coarse = new Cifar100Source(config(root, Labels.COARSE)).open(null);
    assertEquals(100, fine.info().classes());
    assertEquals(20, coarse.info().classes());
    assertEquals("cifar100", fine.info().name());
    assertEquals("cifar100-coarse", coarse.info().name());
    assertEquals("aquarium_fish", fine.info().classNames().get(1));
    assertEquals("vehicles_2", coarse.info().classNames().get(19));
    try (Batch f = fine.train().batches(40).next();
        Batch c = coarse.train().batches(40).next()) {
      assertEquals(3 * 37 % 100, f.labels()[37]);
      assertEquals(37 % 20, c.labels()[37]);
      assertArrayEquals(f.features().data().asFloat(), c.features().data().asFloat());
      // record 2 of train.bin: pixel 0 = 50 + 14
      assertEquals((64 / 255.0 - 0.5071) / 0.2673, f.features().getFloat(2, 0, 0, 0), 1e-5);
    }
    assertEquals(5, fine.test().size());
  }

  @Test
  void configBindsLabelsCaseInsensitively() {
    Cifar100Config c =
        org.bsnn.api.config.ConfigBinder.bind(
            "cifar100",
            Cifar100Config.class,
            Cifar100Config.defaults(),
            java.util.Map.of(
                "labels",
                new org.bsnn.api.config.ConfigEntry(
                    "coarse", new org.bsnn.api.config.SourceLocation("test.yaml", 3))));
    assertEquals(Labels.COARSE, c.labels());
  }

  @Test
  void fineLabelOutOfRangeAndTruncation() throws Exception {
    Path dir = CifarFiles.cifar100(root, 4, 2);
    Path train = dir.resolve("train.bin");
    try (RandomAccessFile raf = new RandomAccessFile(train.toFile(), "rw")) {
      raf.seek(3074 * 2 + 1);
      raf.write(100);
    }
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> new Cifar100Source(config(root, Labels.FINE)).open(null));
    assertTrue(
        e.getMessage()
            .contains(train + ": label 100 of record 2 (byte offset 6149) is out of range"),
        e.getMessage());
    // the coarse byte of the same record is fine
    assertEquals(4, new Cifar100Source(config(root, Labels.COARSE)).open(null).train().size());

    Path test = dir.resolve("test.bin");
    try (RandomAccessFile raf = new RandomAccessFile(test.toFile(), "rw")) {
      raf.setLength(3074 + 3073);
    }
    DataUnavailableException t =
        assertThrows(
            DataUnavailableException.class,
            () -> new Cifar100Source(config(root, Labels.COARSE)).open(null));
    assertTrue(
        t.getMessage()
            .contains(test + ": wrong length 6147 bytes: not a whole number of 3074-byte records"),
        t.getMessage());
  }

  @Test
  void missingFilesNameTheDownload() {
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> new Cifar100Source(config(root, Labels.FINE)).open(null));
    assertTrue(e.getMessage().contains("cifar-100-binary/train.bin"), e.getMessage());
    assertTrue(
        e.getMessage().contains("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"),
        e.getMessage());
  }
}
