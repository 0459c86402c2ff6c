package org.bsnn.plugins.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkIO;
import org.bsnn.api.run.RunContext;

/**
 * A network loaded from disk ({@link NetworkIO}) together with digests of the files it came from,
 * so that provenance and cache keys name the exact weights, not only the path.
 *
 * @param dir the directory that holds {@code network.json}
 * @param network the loaded network
 * @param networkJsonSha256 SHA-256 of {@code network.json} in hex, as {@code sha256sum} prints it
 * @param tensorsSha256 one digest of the tensors, see {@link #tensorsSha256(Path)}
 */
record SavedNetwork(Path dir, Network network, String networkJsonSha256, String tensorsSha256) {

  /** Loads the network a path names (see {@link CheckpointLocation#resolve}). */
  static SavedNetwork load(String path) {
    Path dir = CheckpointLocation.resolve(path);
    Network network = NetworkIO.load(dir);
    return new SavedNetwork(
        dir, network, fileSha256(dir.resolve("network.json")), tensorsSha256(dir));
  }

  /**
   * Records the directory and both digests as {@code <prefix>}, {@code <prefix>NetworkJsonSha256},
   * ...
   */
  void record(RunContext context, String prefix) {
    context.provenance(prefix, dir.toString());
    context.provenance(prefix + "NetworkJsonSha256", networkJsonSha256);
    context.provenance(prefix + "TensorsSha256", tensorsSha256);
  }

  /** A short digest of both digests, for cache keys. */
  String shortDigest() {
    return sha256((networkJsonSha256 + "|" + tensorsSha256).getBytes(StandardCharsets.UTF_8))
        .substring(0, 12);
  }

  /**
   * One digest of the tensors: SHA-256 over the lines {@code <file name> NUL <file's SHA-256 hex>
   * LF}, files in name order; "" when there are none.
   */
  static String tensorsSha256(Path dir) {
    Path tensors = dir.resolve("tensors");
    if (!Files.isDirectory(tensors)) {
      return "";
    }
    StringBuilder lines = new StringBuilder();
    try (Stream<Path> files = Files.list(tensors)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        lines.append(f.getFileName()).append('\0').append(fileSha256(f)).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + tensors, e);
    }
    return sha256(lines.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A file's SHA-256 in hex, as {@code sha256sum} prints it. */
  static String fileSha256(Path file) {
    MessageDigest digest = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
