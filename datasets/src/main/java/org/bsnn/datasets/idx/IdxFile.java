package org.bsnn.datasets.idx;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.api.util.AtomicFiles;
import org.bsnn.datasets.ClassLabels;

/**
 * Reads and writes IDX files (LeCun's MNIST format), raw or gzip-compressed (detected from the
 * content, not the name).
 *
 * <p>Layout: a 4-byte big-endian magic number {@code 0x0000TTDD} (TT = element type, 0x08 =
 * unsigned byte; DD = number of dimensions), one big-endian int32 per dimension, then the elements
 * in row-major order. Image files are {@code 0x00000803} [count, rows, columns]; label files are
 * {@code 0x00000801} [count].
 *
 * <p>Everything is checked: magic number, dimensions against the data actually present (a short
 * file names the first incomplete entry and its byte offset, a long one the offset of the extra
 * bytes), and, in {@link #checkLabels}, label count and range. Errors are {@link
 * DataUnavailableException}s naming the file.
 */
public final class IdxFile {

  /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
  public static final int LABELS_MAGIC = 0x00000801;

  private IdxFile() {}

  /**
   * The content of an IDX image file.
   *
   * @param file where it was read
   * @param count number of images
   * @param rows image height, pixels
   * @param columns image width, pixels
   * @param pixels count × rows × columns unsigned bytes, image after image, row-major
   */
  public record Images(Path file, int count, int rows, int columns, byte[] pixels) {}

  /** The first buffer for an IDX body; it doubles as data arrives, up to the announced length. */
  private static final int FIRST_CHUNK = 1 << 20;

  /** What to do about a damaged file when the caller knows no better. */
  static final String RESTORE = "restore the file from where it came from";

  /** Reads and checks an image file. */
  public static Images readImages(Path file) {
    return readImages(file, RESTORE);
  }

  /**
   * Reads and checks an image file.
   *
   * @param remedy what to do when the file is truncated or corrupt, ending the message (e.g. the
   *     fetch command of a built-in dataset)
   */
  public static Images readImages(Path file, String remedy) {
    try (InputStream in = open(file)) {
      int[] dims = header(in, file, IMAGES_MAGIC, "images [count, rows, columns]", remedy);
      int count = dims[0];
      int rows = dims[1];
      int cols = dims[2];
      if (rows <= 0 || cols <= 0) {
        throw new DataUnavailableException(
            file
                + ": image size "
                + rows
                + "x"
                + cols
                + " in the header (byte offset 8) is not positive");
      }
      if ((long) rows * cols > Integer.MAX_VALUE - 64) {
        throw new DataUnavailableException(
            file
                + ": image size "
                + rows
                + "x"
                + cols
                + " in the header (byte offset 8) is too large for one image; the file is corrupt");
      }
      long total = (long) count * rows * cols;
      if (total > Integer.MAX_VALUE - 64) {
        throw new DataUnavailableException(
            file
                + ": "
                + count
                + " images of "
                + rows
                + "x"
                + cols
                + " are too many to hold in memory ("
                + total
                + " bytes); split the file");
      }
      byte[] pixels = body(in, file, (int) total, 16, rows * cols, "image", remedy);
      return new Images(file, count, rows, cols, pixels);
    } catch (IOException e) {
      throw ioError(file, e);
    }
  }

  /** Reads and checks a label file; labels are unsigned bytes. */
  public static byte[] readLabels(Path file) {
    return readLabels(file, RESTORE);
  }

  /**
   * Reads and checks a label file; labels are unsigned bytes.
   *
   * @param remedy what to do when the file is truncated or corrupt, ending the message
   */
  public static byte[] readLabels(Path file, String remedy) {
    try (InputStream in = open(file)) {
      int[] dims = header(in, file, LABELS_MAGIC, "labels [count]", remedy);
      return body(in, file, dims[0], 8, 1, "label", remedy);
    } catch (IOException e) {
      throw ioError(file, e);
    }
  }

  /**
   * Checks that the labels match the images: same count, each label in [0, classes).
   *
   * @param classes number of classes, or 0 to check only the count
   */
  public static void checkLabels(Images images, Path labelsFile, byte[] labels, int classes) {
    if (labels.length != images.count()) {
      throw new DataUnavailableException(
          "label count "
              + labels.length
              + " in "
              + labelsFile
              + " does not match image count "
              + images.count()
              + " in "
              + images.file()
              + "; the two files do not belong together");
    }
    if (classes > 0) {
      ClassLabels.requireBelow(labelFile(labelsFile, labels), classes);
    }
  }

  /** Labels read from an IDX label file, with where each sits (after the 8-byte header). */
  public static ClassLabels.LabelFile labelFile(Path file, byte[] labels) {
    return new ClassLabels.LabelFile(file, labels, 8, 1);
  }

  /** Writes an image file (gzip-compressed when {@code gzip}), atomically. */
  public static void writeImages(
      Path file, int count, int rows, int cols, byte[] pixels, boolean gzip) {
    if ((long) count * rows * cols != pixels.length) {
      throw new IllegalArgumentException(
          pixels.length + " bytes are not " + count + " images of " + rows + "x" + cols);
    }
    write(file, gzip, new int[] {IMAGES_MAGIC, count, rows, cols}, pixels);
  }

  /** Writes a label file (gzip-compressed when {@code gzip}), atomically. */
  public static void writeLabels(Path file, byte[] labels, boolean gzip) {
    write(file, gzip, new int[] {LABELS_MAGIC, labels.length}, labels);
  }

  private static void write(Path file, boolean gzip, int[] header, byte[] body) {
    AtomicFiles.write(
        file,
        raw -> {
          OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
          byte[] h = new byte[header.length * 4];
          for (int i = 0; i < header.length; i++) {
            putInt(h, i * 4, header[i]);
          }
          out.write(h);
          out.write(body);
          if (out instanceof GZIPOutputStream g) {
            g.finish();
          }
          out.flush();
        });
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException | IOException ignored) {
      // not a POSIX file system: keep the default permissions
    }
  }

  private static InputStream open(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new DataUnavailableException(file + " is a directory, expected an IDX file");
    }
    InputStream raw;
    try {
      raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (NoSuchFileException e) {
      throw new DataUnavailableException("IDX file not found: " + file, e);
    }
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    }
    return raw;
  }

  private static int[] header(
      InputStream in, Path file, int expectedMagic, String what, String remedy) throws IOException {
    int dims = expectedMagic & 0xff;
    byte[] h = new byte[4 + 4 * dims];
    int got = readFully(in, h, 0, h.length, file, remedy);
    int magic = got >= 4 ? getInt(h, 0) : -1;
    if (got < 4 || magic != expectedMagic) {
      throw new DataUnavailableException(
          file
              + ": wrong magic number "
              + (got < 4 ? "(file shorter than 4 bytes)" : hex(magic))
              + " at byte offset 0; expected "
              + hex(expectedMagic)
              + " (IDX unsigned-byte "
              + what
              + ")"
              + hint(magic, expectedMagic));
    }
    if (got < h.length) {
      throw new DataUnavailableException(
          file
              + ": truncated header: "
              + got
              + " of "
              + h.length
              + " bytes (dimension "
              + (got - 4) / 4
              + " at byte offset "
              + (4 + ((got - 4) / 4) * 4)
              + " is incomplete)");
    }
    int[] d = new int[dims];
    for (int i = 0; i < dims; i++) {
      d[i] = getInt(h, 4 + 4 * i);
      if (d[i] < 0) {
        throw new DataUnavailableException(
            file + ": negative dimension " + d[i] + " at byte offset " + (4 + 4 * i));
      }
    }
    return d;
  }

  private static String hint(int magic, int expected) {
    if (magic == LABELS_MAGIC && expected == IMAGES_MAGIC) {
      return "; this looks like a label file given as images";
    }
    if (magic == IMAGES_MAGIC && expected == LABELS_MAGIC) {
      return "; this looks like an image file given as labels";
    }
    if ((magic >>> 16) == 0x1f8b) {
      return "; this looks like a damaged gzip file";
    }
    return "; the file is not an IDX file of this kind or is corrupt";
  }

  /**
   * Reads the {@code length} announced bytes; names the first incomplete entry of a short file, or
   * the extra bytes of a long one. The buffer grows as data arrives rather than being allocated at
   * the announced size: a corrupt header can announce 2 GB, and a 20-byte file must then be
   * reported as truncated, not exhaust the heap first.
   */
  private static byte[] body(
      InputStream in,
      Path file,
      int length,
      int headerLength,
      int entryLength,
      String entry,
      String remedy)
      throws IOException {
    byte[] dst = new byte[Math.min(length, FIRST_CHUNK)];
    int got = 0;
    while (true) {
      got += readFully(in, dst, got, dst.length - got, file, remedy);
      if (got < dst.length || dst.length == length) {
        break;
      }
      dst = Arrays.copyOf(dst, (int) Math.min(length, 2L * dst.length));
    }
    if (got < length) {
      int count = length / entryLength;
      int firstIncomplete = got / entryLength;
      throw new DataUnavailableException(
          file
              + ": truncated: the header announces "
              + count
              + " "
              + entry
              + "s ("
              + headerLength
              + " + "
              + length
              + " bytes) but the data ends at byte offset "
              + (headerLength + got)
              + ", inside "
              + entry
              + " entry "
              + firstIncomplete
              + " (which starts at byte offset "
              + (headerLength + (long) firstIncomplete * entryLength)
              + "); the file was cut short: "
              + remedy);
    }
    long extra = 0;
    byte[] probe = new byte[8192];
    try {
      for (int n; (n = in.read(probe)) > 0; ) {
        extra += n;
      }
    } catch (EOFException e) {
      // every announced byte arrived, but the gzip stream ends without its trailer
      throw truncatedGzip(file, remedy);
    } catch (ZipException e) {
      throw corruptGzip(file, e, remedy);
    }
    if (extra > 0) {
      throw new DataUnavailableException(
          file
              + ": wrong length: "
              + extra
              + " unexpected byte(s) after the last "
              + entry
              + " at byte offset "
              + (headerLength + (long) length)
              + "; the header announces "
              + length / entryLength
              + " "
              + entry
              + "s of "
              + entryLength
              + " byte(s)");
    }
    return dst;
  }

  /**
   * Reads up to len bytes. A short raw file returns fewer bytes (the caller names the incomplete
   * entry); a gzip stream that ends early or is corrupt is an error here, because offsets into the
   * decompressed data say nothing about where the compressed file is damaged.
   */
  private static int readFully(
      InputStream in, byte[] dst, int off, int len, Path file, String remedy) throws IOException {
    int total = 0;
    try {
      while (total < len) {
        int n = in.read(dst, off + total, len - total);
        if (n < 0) {
          break;
        }
        total += n;
      }
    } catch (EOFException e) {
      throw truncatedGzip(file, remedy);
    } catch (ZipException e) {
      throw corruptGzip(file, e, remedy);
    }
    return total;
  }

  // No offset in these messages: gzip reads ahead in blocks, so the decompressed position where
  // the damage is noticed is not where it is, and the compressed position means nothing to a user.
  private static DataUnavailableException truncatedGzip(Path file, String remedy) {
    return new DataUnavailableException(
        file
            + ": truncated gzip file ("
            + size(file)
            + " bytes): the compressed data stops before the end of the stream; the file was cut"
            + " short (an interrupted download or copy): "
            + remedy);
  }

  private static DataUnavailableException corruptGzip(Path file, ZipException e, String remedy) {
    return new DataUnavailableException(
        file
            + ": corrupt gzip file ("
            + size(file)
            + " bytes, "
            + e.getMessage()
            + "); the file is damaged: "
            + remedy,
        e);
  }

  private static String size(Path file) {
    try {
      return Long.toString(Files.size(file));
    } catch (IOException e) {
      return "unknown size";
    }
  }

  private static DataUnavailableException ioError(Path file, IOException e) {
    // the exception's class name means nothing to a user; its kind does
    String why =
        e instanceof java.nio.file.AccessDeniedException
            ? "permission denied"
            : e.getMessage() == null ? "I/O error" : e.getMessage();
    return new DataUnavailableException("cannot read IDX file " + file + ": " + why, e);
  }

  static int getInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24)
        | ((b[off + 1] & 0xff) << 16)
        | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  private static String hex(int v) {
    return String.format(Locale.ROOT, "0x%08X", v);
  }
}
