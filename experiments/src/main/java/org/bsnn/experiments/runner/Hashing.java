package org.bsnn.experiments.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and of canonical JSON (map keys sorted), for config hashes and run ids. */
public final class Hashing {

  /** Canonical JSON: map keys sorted, so equal configs hash equally whatever their file order. */
  public static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private Hashing() {}

  /** Full SHA-256 of a string's UTF-8 bytes, as lower-case hex. */
  public static String sha256(String text) {
    return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Full SHA-256 of a file, as lower-case hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The first 12 hex digits of the SHA-256 of {@code value}'s canonical JSON. */
  public static String shortHash(Object value) {
    try {
      return sha256(CANONICAL.writeValueAsString(value)).substring(0, 12);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise for hashing: " + e.getMessage(), e);
    }
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
