package org.bsnn.plugins.simulation.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * The CPU's feature flags as Linux lists them in {@code /proc/cpuinfo} (empty elsewhere): the JDK
 * has no API for them, and the Vector API runs an operation the CPU lacks as a slow lane-by-lane
 * fallback instead of failing.
 */
final class CpuFlags {

  private static final Set<String> FLAGS = read();

  private CpuFlags() {}

  /** Whether the first CPU lists {@code flag} (e.g. "avx512_vpopcntdq"). */
  static boolean has(String flag) {
    return FLAGS.contains(flag);
  }

  private static Set<String> read() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(line -> line.startsWith("flags"))
          .findFirst()
          .map(
              line ->
                  Set.copyOf(
                      Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))))
          .orElse(Set.of());
    } catch (IOException | RuntimeException e) {
      return Set.of(); // not Linux: the scalar loops
    }
  }
}
