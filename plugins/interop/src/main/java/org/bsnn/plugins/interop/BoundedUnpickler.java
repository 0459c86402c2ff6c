package org.bsnn.plugins.interop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * An {@link Unpickler} for pickles held in memory that refuses a string or bytes opcode declaring
 * more bytes than the pickle has left. The library allocates the declared length before reading, so
 * a corrupt 4- or 8-byte length field in a small file exhausted the heap (found by fuzzing). {@link
 * #load} also turns the library's {@link IndexOutOfBoundsException} on a stack underflow (an opcode
 * needing more values than the pickle pushed) into a {@link PickleException}.
 */
class BoundedUnpickler extends Unpickler {

  private static final short BINBYTES = 'B';
  private static final short BINSTRING = 'T';
  private static final short BINUNICODE = 'X';
  private static final short LONG4 = 0x8b;
  private static final short BINUNICODE8 = 0x8d;
  private static final short BINBYTES8 = 0x8e;
  private static final short BYTEARRAY8 = 0x96;

  /**
   * Reads one pickle from {@code in}, which must be a {@link ByteArrayInputStream} so that the
   * bytes left are known.
   */
  @Override
  public Object load(InputStream in) throws PickleException, IOException {
    if (!(in instanceof ByteArrayInputStream)) {
      throw new IllegalArgumentException("a pickle is read from memory: " + in.getClass());
    }
    try {
      return super.load(in);
    } catch (IndexOutOfBoundsException e) {
      throw new PickleException(
          "malformed pickle: an opcode needs more values than the pickle put on its stack");
    } catch (NullPointerException | ClassCastException e) {
      // the library trusts the stack's contents (e.g. APPENDS onto a value that is not a list)
      throw new PickleException(
          "malformed pickle: an opcode found a value of the wrong kind on its stack");
    }
  }

  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    int width =
        switch (key) {
          case BINBYTES, BINSTRING, BINUNICODE, LONG4 -> 4;
          case BINUNICODE8, BINBYTES8, BYTEARRAY8 -> 8;
          default -> 0;
        };
    if (width > 0) {
      requireAvailable(key, width);
    }
    return super.dispatch(key);
  }

  private void requireAvailable(short key, int width) throws IOException {
    input.mark(width);
    byte[] b = input.readNBytes(width);
    input.reset();
    long length = 0;
    for (int i = b.length - 1; i >= 0; i--) {
      length = (length << 8) | (b[i] & 0xff); // little-endian
    }
    long left = input.available() - (long) width;
    if (b.length < width || length < 0 || length > left) {
      throw new PickleException(
          "opcode 0x"
              + Integer.toHexString(key)
              + " declares "
              + (b.length < width ? "a length cut off" : length + " bytes")
              + " but the pickle has "
              + Math.max(0, left)
              + " left; the file is truncated or corrupt");
    }
  }
}
