package org.bsnn.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.data.Dataset;
import org.bsnn.datasets.Sha256;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated IDX files of an unusual shape (10x12, 3 classes), raw and gzip. */
class IdxSourceTest {

  @TempDir Path dir;
  Path trainImages;
  Path trainLabels;
  Path testImages;
  Path testLabels;

  @BeforeEach
  void write() {
    SplittableRandom r = new SplittableRandom(3);
    byte[] px = new byte[20 * 120];
    byte[] labels = new byte[20];
    for (int i = 0; i < 20; i++) {
      labels[i] = (byte) (i % 3);
      for (int p = 0; p < 120; p++) {
        px[i * 120 + p] = (byte) r.nextInt(256);
      }
    }
    trainImages = dir.resolve("train-images.gz");
    trainLabels = dir.resolve("train-labels");
    testImages = dir.resolve("test-images");
    testLabels = dir.resolve("test-labels.gz");
    IdxFile.writeImages(trainImages, 20, 10, 12, px, true);
    IdxFile.writeLabels(trainLabels, labels, false);
    IdxFile.writeImages(testImages, 6, 10, 12, java.util.Arrays.copyOf(px, 6 * 120), false);
    IdxFile.writeLabels(testLabels, java.util.Arrays.copyOf(labels, 6), true);
  }

  IdxConfig config(int classes, List<String> names, Map<String, String> sums, boolean allow) {
    return new IdxConfig(
        "my-set",
        trainImages.toString(),
        trainLabels.toString(),
        testImages.toString(),
        testLabels.toString(),
        classes,
        names,
        List.of(),
        List.of(),
        sums,
        allow,
        4,
        0,
        0,
        2,
        true);
  }

  @Test
  void readsAnyShapeInfersClassesAndComputesStatistics() {
    TestRunContext ctx = new TestRunContext(0, "test", "test", dir);
    Dataset d = new IdxSource(config(0, List.of(), Map.of(), false)).open(ctx);
    assertEquals("my-set", d.info().name());
    assertEquals(List.of("0", "1", "2"), d.info().classNames());
    assertArrayEquals(new long[] {1, 10, 12}, d.info().imageShape());
    assertEquals(16, d.train().size());
    assertEquals(4, d.validation().orElseThrow().size());
    assertEquals(6, d.test().size());
    // uniform random bytes: mean ~ 0.5, std ~ 0.289
    double mean = (Double) ((List<?>) d.info().preprocessing().get("mean")).get(0);
    double std = (Double) ((List<?>) d.info().preprocessing().get("std")).get(0);
    assertEquals(0.5, mean, 0.03);
    assertEquals(0.289, std, 0.02);
    try (Batch b = d.test().batches(6).next()) {
      assertArrayEquals(new long[] {6, 1, 10, 12}, b.features().shape());
      assertEquals(0.0, b.features().meanNumber().doubleValue(), 0.1);
    }
    try (Batch b = d.train().trainingBatches(16, new SplittableRandom(1)).next()) {
      assertArrayEquals(new long[] {16, 1, 10, 12}, b.features().shape());
    }
    assertEquals(Sha256.ofFile(trainImages), d.info().checksums().get("train-images.gz"));
    assertTrue(ctx.recordedProvenance().containsKey("files"));
  }

  @Test
  void verifiesGivenChecksums() {
    String good = Sha256.ofFile(testLabels);
    IdxSource ok =
        new IdxSource(config(3, List.of("a", "b", "c"), Map.of("test-labels.gz", good), false));
    assertEquals(ChecksumState.VERIFIED, ok.status().files().get(3).state());
    assertEquals(ChecksumState.NOT_RECORDED, ok.status().files().get(0).state());
    assertEquals(List.of("a", "b", "c"), ok.open(null).info().classNames());

    Map<String, String> bad = Map.of("test-labels.gz", "00" + good.substring(2));
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> new IdxSource(config(3, List.of(), bad, false)).open(null));
    assertTrue(
        e.getMessage().contains("checksum mismatch")
            && e.getMessage().contains(testLabels.toString()),
        e.getMessage());
    TestRunContext ctx = new TestRunContext(0, "test", "test", dir);
    new IdxSource(config(3, List.of(), bad, true)).open(ctx);
    assertEquals(List.of(testLabels.toString()), ctx.recordedProvenance().get("unverifiedFiles"));
  }

  @Test
  void labelAboveTheConfiguredClassCountIsAnError() {
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> new IdxSource(config(2, List.of(), Map.of(), false)).open(null));
    assertTrue(
        e.getMessage()
            .contains(trainLabels + ": label 2 of record 2 (byte offset 10) is out of range"),
        e.getMessage());
  }

  @Test
  void oneCorruptLabelDoesNotGrowTheClassCount() {
    // test label 5 of 6 becomes 200: inferring "largest label + 1" would give 201 classes
    byte[] labels = IdxFile.readLabels(testLabels);
    labels[4] = (byte) 200;
    IdxFile.writeLabels(testLabels, labels, true);
    DataUnavailableException inferred =
        assertThrows(
            DataUnavailableException.class,
            () -> new IdxSource(config(0, List.of(), Map.of(), false)).open(null));
    assertTrue(
        inferred
            .getMessage()
            .startsWith(
                "my-set: labels 0..200 in "
                    + trainLabels
                    + " and "
                    + testLabels
                    + " imply 201 classes but 198 of them have no training example; the largest"
                    + " label, 200, first appears in "
                    + testLabels
                    + " record 4 (label 200, byte offset 12). Set `classes:` (e.g. classes: 3"),
        inferred.getMessage());

    DataUnavailableException set =
        assertThrows(
            DataUnavailableException.class,
            () -> new IdxSource(config(3, List.of(), Map.of(), false)).open(null));
    assertTrue(
        set.getMessage()
            .contains(testLabels + ": label 200 of record 4 (byte offset 12) is out of range"),
        set.getMessage());
  }

  @Test
  void aClassMissingFromTheTrainingLabelsIsAnErrorWhenInferred() {
    // training labels 0 and 2 only: class 1 would be an output that was never trained
    byte[] labels = IdxFile.readLabels(trainLabels);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == 1) {
        labels[i] = 0;
      }
    }
    IdxFile.writeLabels(trainLabels, labels, false);
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> new IdxSource(config(0, List.of(), Map.of(), false)).open(null));
    assertTrue(e.getMessage().contains("imply 3 classes but 1 of them has no training example"));
    // an explicit class count is the user's decision: the set opens
    assertEquals(
        3, new IdxSource(config(3, List.of(), Map.of(), false)).open(null).info().classes());
  }

  @Test
  void aDirectoryGivenAsAFileIsSaidToBeOne() {
    IdxConfig c =
        new IdxConfig(
            "x",
            dir.toString(),
            trainLabels.toString(),
            testImages.toString(),
            testLabels.toString(),
            0,
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
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> new IdxSource(c).open(null));
    assertTrue(
        e.getMessage().contains("trainImages is a directory, expected a file: " + dir),
        e.getMessage());
  }

  @Test
  void swappedFilesAndMissingFilesAreNamed() {
    IdxConfig swapped =
        new IdxConfig(
            "x",
            trainLabels.toString(),
            trainImages.toString(),
            testImages.toString(),
            testLabels.toString(),
            0,
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
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> new IdxSource(swapped).open(null));
    assertTrue(
        e.getMessage().contains(trainLabels + ": wrong magic number 0x00000801"), e.getMessage());

    DataUnavailableException m =
        assertThrows(
            DataUnavailableException.class, () -> new IdxSource(IdxConfig.defaults()).open(null));
    assertTrue(m.getMessage().contains("trainImages is not set"), m.getMessage());
    assertEquals(
        ChecksumState.MISSING, new IdxSource(IdxConfig.defaults()).status().files().get(0).state());
  }

  @Test
  void configRejectsInconsistentValues() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new IdxConfig(
                "x",
                "",
                "",
                "",
                "",
                3,
                List.of("a"),
                List.of(),
                List.of(),
                Map.of(),
                false,
                0,
                0,
                0,
                0,
                false));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new IdxConfig(
                "x",
                "",
                "",
                "",
                "",
                0,
                List.of(),
                List.of(0.5),
                List.of(),
                Map.of(),
                false,
                0,
                0,
                0,
                0,
                false));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new IdxConfig(
                "x", "", "", "", "", 0, List.of(), List.of(), List.of(), Map.of(), false, -1, 0, 0,
                0, false));
  }
}
