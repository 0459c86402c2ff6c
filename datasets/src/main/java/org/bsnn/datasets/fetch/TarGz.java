package org.bsnn.datasets.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.bsnn.api.data.DataUnavailableException;

/**
 * A minimal reader of gzip-compressed tar archives (ustar, as written by {@code npm pack} and
 * {@code tar czf}): regular files only, pax and GNU long-name headers understood, everything else
 * skipped.
 */
public final class TarGz {

  private TarGz() {}

  /** The regular files whose names {@code wanted} accepts, name to content, in archive order. */
  public static Map<String, byte[]> read(Path archive, Predicate<String> wanted) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    forEach(archive, wanted, out::put);
    return out;
  }

  /**
   * Hands each regular file whose name {@code wanted} accepts to {@code action}, one at a time, so
   * that only one entry is in memory at once.
   */
  public static void forEach(
      Path archive, Predicate<String> wanted, BiConsumer<String, byte[]> action) {
    try (InputStream in =
        new BufferedInputStream(
            new GZIPInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
      byte[] header = new byte[512];
      long offset = 0;
      String longName = null;
      while (true) {
        int got = in.readNBytes(header, 0, 512);
        if (got == 0) {
          break;
        }
        if (got < 512) {
          throw new DataUnavailableException(
              archive + ": truncated tar header at byte offset " + offset);
        }
        offset += 512;
        if (isZero(header)) {
          break;
        }
        String name = longName != null ? longName : name(header);
        longName = null;
        long size = octal(header, 124, 12, archive, offset - 512);
        char type = (char) header[156];
        long padded = (size + 511) / 512 * 512;
        if (type == 'L') {
          longName = cString(readEntry(in, size, archive, offset), 0, (int) size);
        } else if ((type == '0' || type == 0) && wanted.test(name)) {
          if (size > Integer.MAX_VALUE - 64) {
            throw new DataUnavailableException(
                archive + ": entry " + name + " is too large (" + size + " bytes)");
          }
          action.accept(name, readEntry(in, size, archive, offset));
        } else if (type == 'x') {
          String pax = new String(readEntry(in, size, archive, offset), StandardCharsets.UTF_8);
          longName = paxPath(pax);
        } else {
          skip(in, size, archive, offset);
        }
        skip(in, padded - size, archive, offset + size);
        offset += padded;
      }
    } catch (IOException e) {
      throw new DataUnavailableException(
          "cannot read archive " + archive + ": " + org.bsnn.api.util.IoErrors.describe(e), e);
    }
  }

  private static byte[] readEntry(InputStream in, long size, Path archive, long offset)
      throws IOException {
    byte[] b = in.readNBytes((int) size);
    if (b.length < size) {
      throw new DataUnavailableException(
          archive
              + ": truncated: entry at byte offset "
              + offset
              + " needs "
              + size
              + " bytes, found "
              + b.length);
    }
    return b;
  }

  private static void skip(InputStream in, long n, Path archive, long offset) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new DataUnavailableException(
              archive + ": truncated near byte offset " + (offset + n - left));
        }
        s = 1;
      }
      left -= s;
    }
  }

  private static String paxPath(String pax) {
    for (String rec : pax.split("\n")) {
      int sp = rec.indexOf(' ');
      if (sp > 0 && rec.startsWith("path=", sp + 1)) {
        return rec.substring(sp + 6);
      }
    }
    return null;
  }

  private static String name(byte[] h) {
    String name = cString(h, 0, 100);
    String magic = cString(h, 257, 6);
    if (magic.startsWith("ustar")) {
      String prefix = cString(h, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len, Path archive, long headerOffset) {
    String s = cString(b, off, len).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new DataUnavailableException(
          archive
              + ": corrupt tar header at byte offset "
              + headerOffset
              + " (size field '"
              + s
              + "')");
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
