package org.bsnn.api.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one derivation of per-purpose seeds: SHA-256 over the job seed and the parts (stage, plugin,
 * purpose), so a random stream does not depend on the order in which stages ask for it, and is the
 * same on every JVM and platform.
 */
public final class Seeds {

  private Seeds() {}

  /** A 64-bit seed from SHA-256 over {@code seed} and {@code parts}. */
  public static long derive(long seed, String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(ByteBuffer.allocate(8).putLong(seed).array());
      for (String part : parts) {
        md.update((byte) 0);
        md.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return ByteBuffer.wrap(md.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
