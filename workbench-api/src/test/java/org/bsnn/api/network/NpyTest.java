package org.bsnn.api.network;

import static org.bsnn.api.network.PythonScript.assumeNumpy;
import static org.bsnn.api.network.PythonScript.python;
import static org.bsnn.api.network.TestArrays.arange;
import static org.bsnn.api.network.TestArrays.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {

  @TempDir Path tmp;

  @Test
  void headerIsNumpyV1PaddedTo64Bytes() {
    byte[] h = Npy.header("<f4", new long[] {2, 3});
    assertEquals(0, h.length % 64);
    assertEquals((byte) 0x93, h[0]);
    assertEquals("NUMPY", new String(h, 1, 5, StandardCharsets.ISO_8859_1));
    assertEquals(1, h[6]);
    assertEquals(0, h[7]);
    int len = ByteBuffer.wrap(h, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
    assertEquals(h.length - 10, len);
    String text = new String(h, 10, len, StandardCharsets.ISO_8859_1);
    assertTrue(
        text.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), text);
    assertTrue(text.endsWith("\n"));
    assertTrue(
        new String(Npy.header("<f4", new long[] {5}), StandardCharsets.ISO_8859_1)
            .contains("'shape': (5,)"));
    assertTrue(
        new String(Npy.header("<f4", new long[0]), StandardCharsets.ISO_8859_1)
            .contains("'shape': ()"));
  }

  @Test
  void roundTripsFloat32OfAnyRank() throws IOException {
    for (INDArray a :
        List.of(
            randn(1, 7), randn(2, 3, 4), randn(3, 2, 3, 4, 5), Nd4j.scalar(DataType.FLOAT, 2.5f))) {
      Path f = tmp.resolve("a" + a.rank() + ".npy");
      Npy.write(f, a);
      INDArray b = Npy.read(f);
      assertArrayEquals(a.shape(), b.shape());
      assertEquals(DataType.FLOAT, b.dataType());
      assertEquals(a, b);
      assertEquals(0, (Files.size(f) - 4 * a.length()) % 64, "data starts on a 64-byte boundary");
    }
  }

  @Test
  void writesOnlyTheElementsOfAViewInCOrder() {
    INDArray base = arange(3, 4);
    INDArray transposed = base.transpose(); // [4, 3], f-order view of the same buffer
    Path f = tmp.resolve("t.npy");
    Npy.write(f, transposed);
    INDArray back = Npy.read(f);
    assertArrayEquals(new long[] {4, 3}, back.shape());
    assertEquals(transposed, back);
    INDArray column = base.getColumn(2); // view with a stride
    Npy.write(f, column);
    assertArrayEquals(new float[] {2f, 6f, 10f}, Npy.read(f).data().asFloat(), 0f);
  }

  @Test
  void int8RoundTripsSigns() throws IOException {
    INDArray signs = TestArrays.signs(4, 3, 2, 2, 2);
    Path f = tmp.resolve("s.npy");
    Npy.writeInt8(f, signs);
    byte[] bytes = Files.readAllBytes(f);
    int headerLength = Npy.header("|i1", signs.shape()).length;
    assertEquals(headerLength + 24, bytes.length, "one byte per value after the header");
    assertTrue(
        new String(bytes, 0, headerLength, StandardCharsets.ISO_8859_1).contains("'descr': '|i1'"));
    INDArray back = Npy.read(f);
    assertEquals(DataType.FLOAT, back.dataType());
    assertEquals(signs, back);
  }

  @Test
  void int8RejectsValuesThatDoNotFit() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Npy.writeInt8(tmp.resolve("x.npy"), Nd4j.createFromArray(1f, 0.5f)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Npy.writeInt8(tmp.resolve("x.npy"), Nd4j.createFromArray(1f, 200f)));
  }

  @Test
  void readsOtherDtypesAsFloat32() throws IOException {
    Path f8 =
        handWritten(
            "f8.npy",
            "<f8",
            new long[] {2},
            ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2));
    assertArrayEquals(new float[] {1.5f, -2f}, Npy.read(f8).data().asFloat(), 0f);
    Path i1 =
        handWritten(
            "i1.npy",
            "|i1",
            new long[] {3},
            ByteBuffer.allocate(3).put((byte) -1).put((byte) 1).put((byte) 7));
    assertArrayEquals(new float[] {-1f, 1f, 7f}, Npy.read(i1).data().asFloat(), 0f);
    Path i4 =
        handWritten(
            "i4.npy",
            "<i4",
            new long[] {1, 2},
            ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-5).putInt(70000));
    INDArray a4 = Npy.read(i4);
    assertArrayEquals(new long[] {1, 2}, a4.shape());
    assertArrayEquals(new float[] {-5f, 70000f}, a4.data().asFloat(), 0f);
    Path i8 =
        handWritten(
            "i8.npy",
            "<i8",
            new long[] {1},
            ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(42));
    assertArrayEquals(new float[] {42f}, Npy.read(i8).data().asFloat(), 0f);
  }

  @Test
  void corruptFilesFailNamingTheFile() throws IOException {
    Path good = tmp.resolve("good.npy");
    Npy.write(good, randn(5, 4));
    byte[] bytes = Files.readAllBytes(good);

    Path badMagic = tmp.resolve("bad-magic.npy");
    byte[] b = bytes.clone();
    b[1] = 'X';
    Files.write(badMagic, b);
    assertReadFails(badMagic, "magic");

    Path truncated = tmp.resolve("truncated.npy");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
    assertReadFails(truncated, "truncated data");

    Path shortHeader = tmp.resolve("short-header.npy");
    Files.write(shortHeader, Arrays.copyOf(bytes, 30));
    assertReadFails(shortHeader, "truncated header");

    Path extra = tmp.resolve("extra.npy");
    Files.write(extra, Arrays.copyOf(bytes, bytes.length + 4));
    assertReadFails(extra, "unexpected bytes");

    Path empty = tmp.resolve("empty.npy");
    Files.write(empty, new byte[0]);
    assertReadFails(empty, "magic");

    assertReadFails(
        handWritten("big-endian.npy", ">f4", new long[] {1}, ByteBuffer.allocate(4)), "'>f4'");
    assertReadFails(handWritten("u2.npy", "<u2", new long[] {2}, ByteBuffer.allocate(4)), "'<u2'");
    assertReadFails(
        handWrittenHeader(
            "fortran.npy",
            "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
            ByteBuffer.allocate(16)),
        "Fortran");
    assertReadFails(
        handWrittenHeader(
            "noshape.npy", "{'descr': '<f4', 'fortran_order': False, }", ByteBuffer.allocate(4)),
        "shape");
    assertReadFails(tmp.resolve("missing.npy"), "missing");
  }

  @Test
  void numpyReadsWhatNpyWrites() throws Exception {
    assumeNumpy();
    Path f4 = tmp.resolve("from-java.npy");
    Path i1 = tmp.resolve("from-java-i1.npy");
    Path s0 = tmp.resolve("from-java-scalar.npy");
    Npy.write(f4, arange(2, 3, 4).muli(0.5));
    Npy.writeInt8(i1, Nd4j.createFromArray(new float[][] {{-1f, 1f}, {1f, -1f}}));
    Npy.write(s0, Nd4j.scalar(DataType.FLOAT, 3.25f));
    python(
            "import sys, numpy as np",
            "a = np.load(sys.argv[1]); b = np.load(sys.argv[2]); c = np.load(sys.argv[3])",
            "assert a.dtype == np.float32 and a.shape == (2, 3, 4), (a.dtype, a.shape)",
            "assert np.array_equal(a, np.arange(24, dtype=np.float32).reshape(2, 3, 4) * 0.5)",
            "assert b.dtype == np.int8 and np.array_equal(b, np.array([[-1, 1], [1, -1]], dtype=np.int8)), b",
            "assert c.shape == () and c == 3.25, c",
            "with open(sys.argv[1], 'rb') as f:",
            "    v = np.lib.format.read_magic(f); np.lib.format.read_array_header_1_0(f); assert v == (1, 0) and f.tell() % 64 == 0",
            "print('ok')")
        .run(f4, i1, s0);
  }

  @Test
  void npyReadsWhatNumpyWrites() throws Exception {
    assumeNumpy();
    Path dir = tmp.resolve("np");
    Files.createDirectories(dir);
    python(
            "import sys, os, numpy as np",
            "d = sys.argv[1]",
            "w = np.arange(2 * 3 * 3 * 3, dtype=np.float32).reshape(2, 3, 3, 3) / 7",
            "np.save(os.path.join(d, 'f4.npy'), w)",
            "np.save(os.path.join(d, 'f8.npy'), w.astype(np.float64))",
            "np.save(os.path.join(d, 'i1.npy'), np.where(w > 1, 1, -1).astype(np.int8))",
            "np.save(os.path.join(d, 'i4.npy'), np.arange(6, dtype=np.int32).reshape(2, 3))",
            "np.save(os.path.join(d, 'i8.npy'), np.arange(6, dtype=np.int64))",
            "np.save(os.path.join(d, 'fortran.npy'), np.asfortranarray(w[0, 0]))",
            "np.save(os.path.join(d, 'f2.npy'), w.astype(np.float16))")
        .run(dir);
    INDArray expected = arange(2, 3, 3, 3).divi(7);
    assertEquals(expected, Npy.read(dir.resolve("f4.npy")));
    assertEquals(expected, Npy.read(dir.resolve("f8.npy")));
    INDArray i1 = Npy.read(dir.resolve("i1.npy"));
    assertArrayEquals(new long[] {2, 3, 3, 3}, i1.shape());
    for (long i = 0; i < i1.length(); i++) {
      assertEquals(expected.getDouble(i) > 1 ? 1.0 : -1.0, i1.getDouble(i));
    }
    assertEquals(arange(2, 3), Npy.read(dir.resolve("i4.npy")));
    assertEquals(arange(6), Npy.read(dir.resolve("i8.npy")));
    assertReadFails(dir.resolve("fortran.npy"), "Fortran");
    assertReadFails(dir.resolve("f2.npy"), "'<f2'");
  }

  private static void assertReadFails(Path file, String why) {
    UserFacingException e = assertThrows(UserFacingException.class, () -> Npy.read(file));
    assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(why), "says '" + why + "': " + e.getMessage());
  }

  private Path handWritten(String name, String descr, long[] shape, ByteBuffer data)
      throws IOException {
    Path f = tmp.resolve(name);
    byte[] header = Npy.header(descr, shape);
    byte[] out = Arrays.copyOf(header, header.length + data.capacity());
    System.arraycopy(data.array(), 0, out, header.length, data.capacity());
    Files.write(f, out);
    return f;
  }

  private Path handWrittenHeader(String name, String dict, ByteBuffer data) throws IOException {
    Path f = tmp.resolve(name);
    byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer out =
        ByteBuffer.allocate(10 + text.length + data.capacity()).order(ByteOrder.LITTLE_ENDIAN);
    out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})
        .putShort((short) text.length)
        .put(text)
        .put(data.array());
    Files.write(f, out.array());
    return f;
  }
}
