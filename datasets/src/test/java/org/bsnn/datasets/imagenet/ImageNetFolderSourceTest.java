package org.bsnn.datasets.imagenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.data.Batch;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.data.Dataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny ImageNet-style tree of PNG and JPEG files written with ImageIO. */
class ImageNetFolderSourceTest {

  @TempDir Path root;

  static void write(Path file, int w, int h, Color left, Color right, String format)
      throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img =
        new BufferedImage(
            w,
            h,
            format.equals("grey") ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(left);
    g.fillRect(0, 0, w / 2, h);
    g.setColor(right);
    g.fillRect(w / 2, 0, w - w / 2, h);
    g.dispose();
    ImageIO.write(img, format.equals("grey") ? "png" : format, file.toFile());
  }

  @BeforeEach
  void tree() throws IOException {
    // classes (sorted): ant, bee, cat
    write(root.resolve("train/cat/c1.png"), 40, 20, Color.BLACK, Color.WHITE, "png");
    write(root.resolve("train/cat/c2.jpg"), 30, 30, Color.BLUE, Color.BLUE, "jpg");
    write(root.resolve("train/ant/a1.png"), 20, 30, Color.RED, Color.RED, "png");
    write(root.resolve("train/ant/a2.png"), 25, 25, Color.GREEN, Color.RED, "png");
    write(root.resolve("train/ant/a3.JPEG"), 33, 21, Color.GRAY, Color.WHITE, "jpg");
    write(root.resolve("train/bee/b1.png"), 16, 16, Color.DARK_GRAY, Color.YELLOW, "grey");
    Files.writeString(root.resolve("train/bee/notes.txt"), "not an image, ignored");
    write(root.resolve("val/ant/v1.png"), 20, 20, Color.RED, Color.RED, "png");
    write(root.resolve("val/cat/v2.png"), 50, 20, Color.BLACK, Color.WHITE, "png");
  }

  static ImageNetFolderConfig config(Path root, int resize, int crop) {
    return new ImageNetFolderConfig(
        root.toString(),
        "train",
        "val",
        resize,
        crop,
        0.08,
        1.0,
        0.75,
        4.0 / 3,
        true,
        List.of(),
        List.of(),
        0,
        0,
        0);
  }

  static List<float[]> drain(Iterator<Batch> it, List<Integer> labels) {
    List<float[]> out = new ArrayList<>();
    while (it.hasNext()) {
      try (Batch b = it.next()) {
        out.add(b.features().data().asFloat());
        for (int l : b.labels()) {
          labels.add(l);
        }
      }
    }
    return out;
  }

  @Test
  void classesAreSortedFoldersAndOrderInterleavesThem() {
    TestRunContext ctx = new TestRunContext(0, "test", "test", root);
    Dataset d = new ImageNetFolderSource(config(root, 16, 12)).open(ctx);
    assertEquals(List.of("ant", "bee", "cat"), d.info().classNames());
    assertArrayEquals(new long[] {3, 12, 12}, d.info().imageShape());
    assertEquals(6, d.train().size());
    assertEquals(2, d.test().size());
    List<Integer> labels = new ArrayList<>();
    drain(d.train().batches(4), labels);
    // round 0: a1, b1, c1; round 1: a2, c2; round 2: a3
    assertEquals(List.of(0, 1, 2, 0, 2, 0), labels);
    assertEquals(2, d.info().checksums().size());
    assertTrue(ctx.recordedProvenance().containsKey("preprocessing"));
  }

  @Test
  void evaluationIsResizeThenCentreCropAndDeterministic() {
    Dataset d = new ImageNetFolderSource(config(root, 16, 12)).open(null);
    List<float[]> a = drain(d.test().batches(2), new ArrayList<>());
    List<float[]> b = drain(d.test().batches(2), new ArrayList<>());
    assertArrayEquals(a.get(0), b.get(0));
    float[] f = a.get(0);
    int plane = 144;
    // image 0 (ant/v1): solid red
    assertEquals((1 - 0.485) / 0.229, f[0], 1e-4);
    assertEquals((0 - 0.456) / 0.224, f[plane], 1e-4);
    // image 1 (cat/v2): 50x20 black|white; resized to 40x16, centre 12 columns are 14..26 of 40:
    // the left edge is black, the right edge white
    int img1 = 3 * plane;
    assertEquals((0 - 0.485) / 0.229, f[img1 + 5 * 12], 1e-4);
    assertEquals((1 - 0.485) / 0.229, f[img1 + 5 * 12 + 11], 1e-4);
  }

  @Test
  void greyImagesBecomeRgb() {
    Dataset d = new ImageNetFolderSource(config(root, 16, 16)).open(null);
    try (Batch b = d.train().batches(2).next()) {
      float r = b.features().getFloat(1, 0, 8, 0);
      float g = b.features().getFloat(1, 1, 8, 0);
      assertEquals(
          r * 0.229 + 0.485, g * 0.224 + 0.456, 1e-4, "grey: equal R and G before normalization");
    }
  }

  @Test
  void trainingCropsDependOnlyOnTheRandom() {
    Dataset d = new ImageNetFolderSource(config(root, 16, 12)).open(null);
    List<float[]> a =
        drain(d.train().trainingBatches(3, new SplittableRandom(4)), new ArrayList<>());
    List<float[]> b =
        drain(d.train().trainingBatches(3, new SplittableRandom(4)), new ArrayList<>());
    List<float[]> c =
        drain(d.train().trainingBatches(3, new SplittableRandom(5)), new ArrayList<>());
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i));
    }
    assertFalse(java.util.Arrays.equals(a.get(0), c.get(0)));
  }

  @Test
  void unreadableImageIsNamed() throws IOException {
    Path bad = root.resolve("val/cat/broken.jpg");
    Files.write(bad, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3, 4, 5});
    Dataset d = new ImageNetFolderSource(config(root, 16, 12)).open(null);
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class, () -> drain(d.test().batches(4), new ArrayList<>()));
    assertTrue(e.getMessage().contains("unreadable image " + bad), e.getMessage());

    Path text = root.resolve("val/ant/text.png");
    Files.writeString(text, "hello");
    Dataset d2 = new ImageNetFolderSource(config(root, 16, 12)).open(null);
    DataUnavailableException e2 =
        assertThrows(
            DataUnavailableException.class, () -> drain(d2.test().batches(1), new ArrayList<>()));
    assertTrue(
        e2.getMessage().contains(text.toString()) || e2.getMessage().contains(bad.toString()),
        e2.getMessage());
  }

  @Test
  void unknownTestClassAndMissingFoldersAreExplained() throws IOException {
    write(root.resolve("val/dog/d.png"), 10, 10, Color.RED, Color.RED, "png");
    DataUnavailableException e =
        assertThrows(
            DataUnavailableException.class,
            () -> new ImageNetFolderSource(config(root, 16, 12)).open(null));
    assertTrue(e.getMessage().contains("class folder 'dog'"), e.getMessage());

    Path empty = root.resolve("empty");
    Files.createDirectories(empty);
    ImageNetFolderSource s = new ImageNetFolderSource(config(empty, 16, 12));
    assertEquals(ChecksumState.MISSING, s.status().files().get(0).state());
    DataUnavailableException m = assertThrows(DataUnavailableException.class, () -> s.open(null));
    assertTrue(m.getMessage().contains(empty.resolve("train").toString()), m.getMessage());
  }
}
