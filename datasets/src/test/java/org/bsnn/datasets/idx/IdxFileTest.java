package org.bsnn.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bsnn.api.data.DataUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxFileTest {

  @TempDir Path dir;

  static byte[] pixels(int n, int rows, int cols) {
    byte[] p = new byte[n * rows * cols];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) (i * 7 + i / 13);
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void roundTripsRawAndGzipOfAnyImageSize(boolean gzip) {
    byte[] px = pixels(5, 3, 7);
    byte[] labels = {0, 4, 2, 1, 3};
    Path images = dir.resolve("img");
    Path lab = dir.resolve("lab");
    IdxFile.writeImages(images, 5, 3, 7, px, gzip);
    IdxFile.writeLabels(lab, labels, gzip);
    IdxFile.Images read = IdxFile.readImages(images);
    assertEquals(5, read.count());
    assertEquals(3, read.rows());
    assertEquals(7, read.columns());
    assertArrayEquals(px, read.pixels());
    byte[] l = IdxFile.readLabels(lab);
    assertArrayEquals(labels, l);
    IdxFile.checkLabels(read, lab, l, 5);
  }

  @Test
  void headerIsBigEndianMnistLayout() throws IOException {
    Path images = dir.resolve("img");
    IdxFile.writeImages(images, 2, 28, 28, pixels(2, 28, 28), false);
    byte[] b = Files.readAllBytes(images);
    assertArrayEquals(
        new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28}, Arrays.copyOf(b, 16));
    assertEquals(16 + 2 * 784, b.length);
  }

  @Test
  void wrongMagicNamesFileAndOffset() {
    Path lab = dir.resolve("train-labels");
    IdxFile.writeLabels(lab, new byte[] {1, 2}, true);
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readImages(lab));
    assertTrue(e.getMessage().contains(lab.toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("wrong magic number 0x00000801 at byte offset 0"), e.getMessage());
    assertTrue(e.getMessage().contains("expected 0x00000803"), e.getMessage());
    assertTrue(e.getMessage().contains("label file given as images"), e.getMessage());
  }

  @Test
  void garbageIsNotIdx() throws IOException {
    Path f = dir.resolve("x");
    Files.writeString(f, "hello world, not an IDX file");
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readLabels(f));
    assertTrue(e.getMessage().contains("wrong magic number"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void truncatedFileNamesTheIncompleteEntry(boolean gzip) throws IOException {
    Path full = dir.resolve("full");
    IdxFile.writeImages(full, 4, 2, 3, pixels(4, 2, 3), false);
    byte[] b = Files.readAllBytes(full);
    byte[] cut = Arrays.copyOf(b, 16 + 6 * 2 + 4); // two whole images and 4 bytes of the third
    Path f = dir.resolve("cut");
    if (gzip) {
      try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f))) {
        out.write(cut);
      }
    } else {
      Files.write(f, cut);
    }
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readImages(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("ends at byte offset 32"), e.getMessage());
    assertTrue(
        e.getMessage().contains("image entry 2 (which starts at byte offset 28)"), e.getMessage());
  }

  @Test
  void cutGzipStreamIsTruncationToo() throws IOException {
    Path gz = dir.resolve("img.gz");
    IdxFile.writeImages(gz, 50, 10, 10, pixels(50, 10, 10), true);
    byte[] b = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(b, b.length / 2));
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readImages(gz));
    // the decompressed offset says nothing about the compressed file: name it, its size and the fix
    assertTrue(
        e.getMessage().startsWith(gz + ": truncated gzip file (" + (b.length / 2) + " bytes)"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("restore the file from where it came from"), e.getMessage());
    assertTrue(
        assertThrows(DataUnavailableException.class, () -> IdxFile.readImages(gz, "fetch it"))
            .getMessage()
            .endsWith(": fetch it"));
  }

  @Test
  void gzipCutInsideItsTrailerIsTruncationNotExtraBytes() throws IOException {
    Path gz = dir.resolve("lab.gz");
    IdxFile.writeLabels(gz, new byte[] {1, 2, 3, 4}, true);
    byte[] b = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(b, b.length - 4)); // the trailer is CRC32 + size, 8 bytes
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readLabels(gz));
    assertTrue(e.getMessage().startsWith(gz + ": truncated gzip file"), e.getMessage());
  }

  @Test
  void aDirectoryIsNotAnIdxFile() {
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readLabels(dir));
    assertEquals(dir + " is a directory, expected an IDX file", e.getMessage());
  }

  @Test
  void extraBytesAreAWrongLength() throws IOException {
    Path f = dir.resolve("lab");
    IdxFile.writeLabels(f, new byte[] {1, 2, 3}, false);
    Files.write(f, new byte[] {9, 9}, java.nio.file.StandardOpenOption.APPEND);
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readLabels(f));
    assertTrue(
        e.getMessage()
            .contains("wrong length: 2 unexpected byte(s) after the last label at byte offset 11"),
        e.getMessage());
  }

  @ParameterizedTest(name = "gzip {0}")
  @ValueSource(booleans = {false, true})
  void aHugeAnnouncedCountInATinyFileIsTruncationNotOutOfMemory(boolean gzip) throws IOException {
    // found by fuzzing: the reader allocated the announced 2 GB before reading a byte of it
    byte[] raw = {0, 0, 8, 1, 0x7f, 0, 0, 2, 1, 2}; // 0x7f000002 labels announced, 2 present
    Path g = dir.resolve("lab");
    Files.write(g, gzip ? gzipped(raw) : raw);
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readLabels(g));
    assertTrue(
        e.getMessage().contains("the header announces 2130706434 labels")
            && e.getMessage().contains("the data ends at byte offset 10"),
        e.getMessage());
  }

  @Test
  void anImageSizeBeyondTheIntRangeIsCorruptNotADivisionByZero() throws IOException {
    // 65536 x 65536 pixels overflow int to 0; with no images and one stray byte the reader divided
    // by that 0 while describing the extra byte
    Path f = dir.resolve("img");
    Files.write(f, new byte[] {0, 0, 8, 3, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 9});
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readImages(f));
    assertTrue(
        e.getMessage()
            .contains("image size 65536x65536 in the header (byte offset 8) is too large"),
        e.getMessage());
  }

  private static byte[] gzipped(byte[] data) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void truncatedHeader() throws IOException {
    Path f = dir.resolve("img");
    Files.write(f, new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0});
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readImages(f));
    assertTrue(e.getMessage().contains("truncated header"), e.getMessage());
  }

  @Test
  void labelCountMustMatchImageCount() {
    Path images = dir.resolve("img");
    Path lab = dir.resolve("lab");
    IdxFile.writeImages(images, 3, 2, 2, pixels(3, 2, 2), false);
    IdxFile.writeLabels(lab, new byte[] {0, 1}, false);
    IdxFile.Images im = IdxFile.readImages(images);
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> IdxFile.checkLabels(im, lab, IdxFile.readLabels(lab), 10));
    assertTrue(e.getMessage().contains("label count 2 in " + lab), e.getMessage());
    assertTrue(e.getMessage().contains("image count 3 in " + images), e.getMessage());
  }

  @Test
  void labelOutOfRangeNamesEntryAndOffset() {
    Path images = dir.resolve("img");
    Path lab = dir.resolve("lab");
    IdxFile.writeImages(images, 3, 2, 2, pixels(3, 2, 2), false);
    IdxFile.writeLabels(lab, new byte[] {0, 1, (byte) 200}, false);
    IdxFile.Images im = IdxFile.readImages(images);
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> IdxFile.checkLabels(im, lab, IdxFile.readLabels(lab), 10));
    assertTrue(
        e.getMessage().contains(lab + ": label 200 of record 2 (byte offset 10) is out of range"),
        e.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Path f = dir.resolve("nope");
    DataUnavailableException e =
        assertThrows(DataUnavailableException.class, () -> IdxFile.readImages(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }
}
