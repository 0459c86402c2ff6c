package org.bsnn.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.bsnn.api.data.DataStatus.ChecksumState;
import org.bsnn.api.data.DataStatus.FileStatus;

/**
 * The SHA-256 checksums recorded for the files of the fetchable datasets, committed in the resource
 * {@code org/bsnn/datasets/checksums.properties} (keys {@code <dataset>/<file name>}).
 *
 * <p>A file is verified when its own SHA-256 matches the value recorded for its name, or, for a
 * gzip file, when the SHA-256 of its decompressed content matches the value recorded for the name
 * without {@code .gz}. So the same data is accepted as shipped by Debian (gzip), recompressed by
 * upstream (a different gzip of the same content) or uncompressed.
 */
public final class KnownChecksums {

  private static final String RESOURCE = "/org/bsnn/datasets/checksums.properties";
  private static final Properties RECORDED = load();

  private KnownChecksums() {}

  /** The recorded SHA-256 of {@code fileName} of {@code dataset}, if any. */
  public static Optional<String> expected(String dataset, String fileName) {
    return Optional.ofNullable(RECORDED.getProperty(dataset + "/" + fileName));
  }

  /**
   * Hashes {@code file} and compares it with the recorded checksums.
   *
   * @param logicalName the uncompressed file name whose content checksum applies (e.g.
   *     "train-images-idx3-ubyte" for "train-images-idx3-ubyte.gz")
   */
  public static FileStatus check(String dataset, String logicalName, Path file) {
    if (!Files.isRegularFile(file)) {
      return new FileStatus(file.toString(), "", ChecksumState.MISSING);
    }
    String actual = Sha256.ofFile(file);
    Optional<String> forFile = expected(dataset, file.getFileName().toString());
    Optional<String> forContent = expected(dataset, logicalName);
    if (forFile.isPresent() && forFile.get().equals(actual)) {
      return new FileStatus(file.toString(), actual, ChecksumState.VERIFIED);
    }
    if (forContent.isPresent()) {
      if (forContent.get().equals(actual)) {
        return new FileStatus(file.toString(), actual, ChecksumState.VERIFIED);
      }
      if (Sha256.isGzip(file)) {
        try {
          if (forContent.get().equals(Sha256.ofGzipContent(file))) {
            return new FileStatus(file.toString(), actual, ChecksumState.VERIFIED);
          }
        } catch (RuntimeException corrupt) {
          return new FileStatus(file.toString(), actual, ChecksumState.MISMATCH);
        }
      }
    }
    if (forFile.isEmpty() && forContent.isEmpty()) {
      return new FileStatus(file.toString(), actual, ChecksumState.NOT_RECORDED);
    }
    return new FileStatus(file.toString(), actual, ChecksumState.MISMATCH);
  }

  /** The recorded checksum to show in a mismatch message. */
  public static String describeExpected(String dataset, String logicalName, Path file) {
    Optional<String> forFile = expected(dataset, file.getFileName().toString());
    Optional<String> forContent = expected(dataset, logicalName);
    StringBuilder sb = new StringBuilder();
    forFile.ifPresent(s -> sb.append(s).append(" (file)"));
    forContent.ifPresent(
        s -> sb.append(sb.length() > 0 ? " or " : "").append(s).append(" (uncompressed content)"));
    return sb.length() == 0 ? "(none recorded)" : sb.toString();
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = KnownChecksums.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
