package org.bsnn.api.network;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bsnn.api.util.UserFacingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minimal reader and writer for NumPy {@code .npy} files (C order only).
 *
 * <p>Written by hand rather than through ND4J's own converter so that the files are exactly what
 * {@code numpy.save} writes and {@code numpy.load} reads, without native code on the path. Writing
 * produces format version 1.0 with the header padded to a 64-byte boundary. Reading accepts
 * versions 1.0 to 3.0 and the dtypes {@code <f4, <f8, |i1, <i4, <i8}, always converting to float32.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** numpy aligns the data start to 64 bytes so that it can be memory-mapped. */
  private static final int ALIGN = 64;

  private static final Pattern DESCR =
      Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
  private static final Pattern FORTRAN =
      Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * Writes an array as little-endian float32 ({@code '<f4'}), C order.
   *
   * @param file the target; parent directories must exist
   * @param array any shape (rank 0 included); converted to float32 if needed, not modified
   * @throws UserFacingException if the file cannot be written
   */
  public static void write(Path file, INDArray array) {
    float[] values = toFloats(array);
    writeFile(file, "<f4", array.shape(), 4, (buf, i) -> buf.putFloat(values[i]), values.length);
  }

  /**
   * Writes an array of small integers as int8 ({@code '|i1'}), C order; used for binary signs.
   *
   * @param file the target; parent directories must exist
   * @param array values that are whole numbers in [-128, 127]
   * @throws IllegalArgumentException if a value is not a whole number in range
   * @throws UserFacingException if the file cannot be written
   */
  public static void writeInt8(Path file, INDArray array) {
    float[] values = toFloats(array);
    for (float v : values) {
      if (v != Math.rint(v) || v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
        throw new IllegalArgumentException(
            "cannot store "
                + v
                + " as int8 in "
                + file
                + ": values must be whole numbers in [-128, 127]");
      }
    }
    writeFile(file, "|i1", array.shape(), 1, (buf, i) -> buf.put((byte) values[i]), values.length);
  }

  /**
   * Reads an {@code .npy} file as float32.
   *
   * @param file a C-order array of dtype {@code <f4, <f8, |i1, <i4} or {@code <i8}
   * @return a new float32 array of the stored shape (rank 0 for a scalar)
   * @throws UserFacingException naming the file if it is missing, truncated, not an {@code .npy}
   *     file, Fortran-ordered or of another dtype
   */
  public static INDArray read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UserFacingException("missing tensor file " + file);
    } catch (IOException e) {
      throw new UserFacingException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(file, bytes);
  }

  private static INDArray parse(Path file, byte[] bytes) {
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw bad(file, "not a NumPy .npy file (bad magic bytes)");
    }
    int major = bytes[6] & 0xff;
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength;
    int dataStart;
    if (major == 1) {
      headerLength = buf.getShort(8) & 0xffff;
      dataStart = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw bad(file, "truncated header");
      }
      headerLength = buf.getInt(8) & 0xffffffffL;
      dataStart = 12;
    } else {
      throw bad(file, "unsupported .npy format version " + major + "." + (bytes[7] & 0xff));
    }
    if (dataStart + headerLength > bytes.length) {
      throw bad(file, "truncated header");
    }
    String header =
        new String(
            bytes,
            dataStart,
            (int) headerLength,
            major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    dataStart += (int) headerLength;

    String descr = find(file, DESCR, header, "descr");
    if (find(file, FORTRAN, header, "fortran_order").equals("True")) {
      throw bad(file, "Fortran-ordered arrays are not supported; save numpy.ascontiguousarray(a)");
    }
    long[] shape = parseShape(file, find(file, SHAPE, header, "shape"));
    long count = 1;
    for (long d : shape) {
      count *= d;
      if (count > Integer.MAX_VALUE) {
        throw bad(file, "array of shape " + Arrays.toString(shape) + " is too large");
      }
    }
    int itemSize = itemSize(file, descr);
    long expected = count * itemSize;
    long actual = bytes.length - (long) dataStart;
    if (actual < expected) {
      throw bad(
          file,
          "truncated data: shape "
              + Arrays.toString(shape)
              + " needs "
              + expected
              + " bytes, file has "
              + actual);
    }
    if (actual > expected) {
      throw bad(
          file,
          actual
              - expected
              + " unexpected bytes after the data of shape "
              + Arrays.toString(shape));
    }

    float[] values = new float[(int) count];
    buf.position(dataStart);
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (descr) {
            case "<f4" -> buf.getFloat();
            case "<f8" -> (float) buf.getDouble();
            case "|i1", "<i1" -> buf.get();
            case "<i4" -> buf.getInt();
            default -> buf.getLong(); // "<i8": itemSize() rejected everything else
          };
    }
    if (shape.length == 0) {
      return Nd4j.scalar(DataType.FLOAT, values[0]);
    }
    if (count == 0) {
      return Nd4j.create(DataType.FLOAT, shape, 'c');
    }
    return Nd4j.create(values, shape, Nd4j.getStrides(shape, 'c'), 'c', DataType.FLOAT);
  }

  private static int itemSize(Path file, String descr) {
    return switch (descr) {
      case "<f4", "<i4" -> 4;
      case "<f8", "<i8" -> 8;
      case "|i1", "<i1" -> 1;
      default ->
          throw bad(file, "unsupported dtype '" + descr + "' (supported: <f4, <f8, |i1, <i4, <i8)");
    };
  }

  private static String find(Path file, Pattern pattern, String header, String key) {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw bad(file, "header has no valid '" + key + "' entry: " + header.strip());
    }
    return m.group(1);
  }

  private static long[] parseShape(Path file, String tuple) {
    List<Long> dims = new ArrayList<>();
    for (String part : tuple.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      // numpy on some platforms writes "3L"
      if (p.endsWith("L")) {
        p = p.substring(0, p.length() - 1);
      }
      try {
        long d = Long.parseLong(p);
        if (d < 0) {
          throw new NumberFormatException();
        }
        dims.add(d);
      } catch (NumberFormatException e) {
        throw bad(file, "invalid shape (" + tuple + ")");
      }
    }
    return dims.stream().mapToLong(Long::longValue).toArray();
  }

  private static UserFacingException bad(Path file, String why) {
    return new UserFacingException("invalid .npy file " + file + ": " + why);
  }

  /** The values in C order as float32; the array itself is left untouched. */
  private static float[] toFloats(INDArray array) {
    if (array.isEmpty()) {
      return new float[0];
    }
    // dup('c') gives a fresh buffer holding exactly this array's elements in C order, even for
    // views and f-order arrays, whose data() would expose the whole parent buffer.
    try (INDArray c = array.dup('c')) {
      return c.data().asFloat();
    }
  }

  @FunctionalInterface
  private interface Put {
    void put(ByteBuffer buf, int index);
  }

  private static void writeFile(
      Path file, String descr, long[] shape, int itemSize, Put put, int count) {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(header(descr, shape));
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < count; i++) {
        if (buf.remaining() < itemSize) {
          out.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        put.put(buf, i);
      }
      out.write(buf.array(), 0, buf.position());
    } catch (IOException e) {
      throw new UserFacingException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Magic, version 1.0, header length and the dict, padded with spaces to a 64-byte boundary. */
  static byte[] header(String descr, long[] shape) {
    StringBuilder tuple = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      tuple.append(i > 0 ? ", " : "").append(shape[i]);
    }
    tuple.append(shape.length == 1 ? ",)" : ")");
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1; // +1 for the final '\n'
    int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
    String text = dict + " ".repeat(padding) + "\n";
    byte[] textBytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (textBytes.length > 0xffff) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " too long for .npy v1.0");
    }
    ByteBuffer out =
        ByteBuffer.allocate(MAGIC.length + 4 + textBytes.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) textBytes.length).put(textBytes);
    return out.array();
  }
}
