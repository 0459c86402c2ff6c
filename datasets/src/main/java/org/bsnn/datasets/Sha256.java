package org.bsnn.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.bsnn.api.data.DataUnavailableException;

/** SHA-256 digests as lower-case hex. */
public final class Sha256 {

  private Sha256() {}

  /** Digest of a file's bytes. */
  public static String ofFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    } catch (IOException e) {
      throw new DataUnavailableException(
          "cannot read "
              + file
              + " to compute its SHA-256: "
              + org.bsnn.api.util.IoErrors.describe(e),
          e);
    }
  }

  /** Digest of the decompressed content of a gzip file. */
  public static String ofGzipContent(Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      return of(in);
    } catch (IOException e) {
      throw new DataUnavailableException(
          "cannot decompress "
              + file
              + " to compute the SHA-256 of its content: "
              + org.bsnn.api.util.IoErrors.describe(e),
          e);
    }
  }

  /** Digest of a byte array. */
  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** Digest of everything left in a stream (the stream is not closed). */
  public static String of(InputStream in) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** True when the file starts with the gzip magic bytes 1f 8b. */
  public static boolean isGzip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    } catch (IOException e) {
      throw new DataUnavailableException(
          "cannot read " + file + ": " + org.bsnn.api.util.IoErrors.describe(e), e);
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
