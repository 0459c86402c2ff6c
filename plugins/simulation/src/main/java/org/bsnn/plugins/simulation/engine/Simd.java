package org.bsnn.plugins.simulation.engine;

/**
 * Whether the engine uses the JDK's incubating Vector API ({@code jdk.incubator.vector}): only when
 * the JVM was started with {@code --add-modules jdk.incubator.vector} (the launcher and the tests
 * do) and {@code -Dbsnn.vector=false} is not set. The classes that use it ({@code Vector*}) are
 * loaded only then; each has a scalar twin that gives the same floats.
 *
 * <p>All vectors are of the preferred shape: a second shape of the same element type (e.g. 256-bit
 * floats beside 512-bit ones, tried for pooling) pollutes the type profiles inside the Vector API,
 * after which C2 stops intrinsifying it in other call sites and the event-driven backend ran 5x
 * slower (measured in one JVM running both backends).
 *
 * <p>Why: C2 in JDK 17 does not vectorise int-to-float conversion, compares that produce spike
 * bits, or loops shorter than a few vectors (rows of 32-64 output channels), which together were
 * over a third of the binary backend's time.
 */
final class Simd {

  static final boolean ENABLED =
      !"false".equals(System.getProperty("bsnn.vector"))
          && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private Simd() {}
}
