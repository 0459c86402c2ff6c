package org.bsnn.figures;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.bsnn.api.util.AtomicFiles;
import org.bsnn.api.util.UserFacingException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;

/**
 * Writes a chart as {@code <stem>.png} at {@link FigureStyle#DPI} dots per inch (XChart's {@code
 * BitmapEncoder.saveBitmapWithDPI}) and {@code <stem>.svg} (XChart's {@code VectorGraphicsEncoder},
 * which uses VectorGraphics2D). Both are byte-identical for the same data, fonts and JDK: the PNG
 * carries no time stamp, and VectorGraphics2D's SVG names its clip paths by the clip shape's hash
 * (its coordinates), not by object identity. PDF is not written: the PDF encoder (PDFBox) puts a
 * random document /ID into every file. Files are replaced atomically.
 */
public final class FigureFiles {

  private FigureFiles() {}

  /** Writes the PNG and the SVG; returns their paths, PNG first. */
  public static List<Path> write(NamedChart c, Path dir) {
    Path png = dir.resolve(c.stem() + ".png");
    Path svg = dir.resolve(c.stem() + ".svg");
    writePng(c, dir, png);
    AtomicFiles.write(
        svg,
        out ->
            VectorGraphicsEncoder.saveVectorGraphic(
                c.chart(), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    makeReadable(png);
    makeReadable(svg);
    return List.of(png, svg);
  }

  /**
   * Gives a written file the usual rw-r--r-- permissions where the file system has POSIX ones: the
   * temporary file behind an atomic write is created owner-only, and figures and reports are meant
   * to be shared or served.
   */
  public static void makeReadable(Path file) {
    try {
      if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the content is written either way
    }
  }

  private static void writePng(NamedChart c, Path dir, Path png) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      // saveBitmapWithDPI takes a file name and appends ".png": write beside the target, then
      // rename.
      tmp = Files.createTempFile(dir, "." + c.stem() + "-", ".png");
      BitmapEncoder.saveBitmapWithDPI(
          c.chart(), tmp.toString(), BitmapEncoder.BitmapFormat.PNG, FigureStyle.DPI);
      try {
        Files.move(tmp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UserFacingException("cannot write " + png + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the name starts with '.', so it never looks like a figure
        }
      }
    }
  }
}
