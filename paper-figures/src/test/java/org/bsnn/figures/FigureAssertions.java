package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks shared by the figure tests. */
final class FigureAssertions {

  private FigureAssertions() {}

  /**
   * Renders the figure twice into two folders and checks: at least one chart, PNG and SVG for each,
   * the same file names and byte-identical files both times, 300 dpi PNGs.
   *
   * @return the files of the first render
   */
  static List<Path> assertRendersStably(Figure figure, ExperimentResults results, Path tmp)
      throws IOException {
    List<Path> first = figure.render(results, tmp.resolve("a"));
    List<Path> second = figure.render(results, tmp.resolve("b"));
    assertFalse(first.isEmpty(), "no file written");
    assertEquals(names(first), names(second));
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(
          Files.readAllBytes(first.get(i)),
          Files.readAllBytes(second.get(i)),
          "bytes differ between two renders of " + first.get(i).getFileName());
    }
    for (Path p : first) {
      String name = p.getFileName().toString();
      assertTrue(name.endsWith(".png") || name.endsWith(".svg"), name);
      if (name.endsWith(".png")) {
        assertEquals(300, pngDpi(p), "dpi of " + name);
      } else {
        String head = new String(Files.readAllBytes(p), 0, 200, StandardCharsets.UTF_8);
        assertTrue(head.contains("<svg"), "not an SVG: " + name);
      }
    }
    return first;
  }

  /**
   * Checks that the figure has data in the results and renders them stably ({@link
   * #assertRendersStably}) into exactly {@code <stem>.png} and {@code <stem>.svg}.
   *
   * @return the files of the first render
   */
  static List<Path> assertRendersStablyAs(
      Figure figure, ExperimentResults results, Path tmp, String stem) throws IOException {
    assertTrue(figure.hasData(results), "no data for " + figure.id());
    List<Path> files = assertRendersStably(figure, results, tmp);
    assertEquals(List.of(stem + ".png", stem + ".svg"), names(files));
    return files;
  }

  static List<String> names(List<Path> files) {
    List<String> out = new ArrayList<>();
    files.forEach(f -> out.add(f.getFileName().toString()));
    return out;
  }

  /** The horizontal resolution in the PNG's pHYs chunk, in dots per inch (rounded). */
  static long pngDpi(Path png) throws IOException {
    byte[] b = Files.readAllBytes(png);
    assertEquals((byte) 0x89, b[0]);
    assertEquals("PNG", new String(b, 1, 3, StandardCharsets.US_ASCII));
    int pos = 8;
    while (pos + 8 <= b.length) {
      int len = ByteBuffer.wrap(b, pos, 4).getInt();
      String type = new String(b, pos + 4, 4, StandardCharsets.US_ASCII);
      if (type.equals("pHYs")) {
        long ppm = ByteBuffer.wrap(b, pos + 8, 4).getInt() & 0xffffffffL;
        assertEquals(1, b[pos + 16], "pHYs unit is not metres");
        return Math.round(ppm * 0.0254);
      }
      pos += 12 + len;
    }
    throw new AssertionError("no pHYs chunk in " + png);
  }

  /** The pixel width from the IHDR chunk. */
  static int pngWidth(Path png) throws IOException {
    byte[] b = Files.readAllBytes(png);
    return ByteBuffer.wrap(b, 16, 4).getInt();
  }
}
