package org.bsnn.plugins.simulation.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vector integrate-and-fire against the scalar one, neuron by neuron: same potentials (bit for
 * bit, including potentials exactly at the threshold and -0.0) and same packed spikes, for flat and
 * image layouts whose sizes are and are not multiples of the vector length, scalar and per-neuron
 * thresholds, both resets, with and without a current.
 */
class FiringTest {

  @Test
  void vectorPathIsUsedInTests() {
    assertTrue(
        Simd.ENABLED, "the tests run with --add-modules jdk.incubator.vector (see the parent pom)");
  }

  @Test
  void transposesBitMatrices() {
    Random r = new Random(3);
    long[] a = new long[64];
    for (int i = 0; i < 64; i++) {
      a[i] = r.nextLong();
    }
    long[] t = a.clone();
    VectorFiring.transpose(t);
    for (int row = 0; row < 64; row++) {
      for (int col = 0; col < 64; col++) {
        assertEquals((a[row] >>> col) & 1L, (t[col] >>> row) & 1L, row + "," + col);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "100",
        "1030",
        "4096",
        "64x32x32",
        "3x7x7",
        "512x2x2",
        "65x5x5",
        "128x4x4",
        "1x28x28",
        "70x7x7",
        "130x6x6"
      })
  void vectorMatchesScalar(String shapeText) {
    String[] parts = shapeText.split("x");
    long[] shape = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      shape[i] = Long.parseLong(parts[i]);
    }
    Layout l = new Layout(shape);
    Random r = new Random(shapeText.hashCode());
    for (int trial = 0; trial < 8; trial++) {
      boolean subtract = (trial & 1) == 0;
      boolean perNeuron = (trial & 2) != 0;
      boolean withCurrent = (trial & 4) != 0;
      float theta = 0.75f;
      float[] thresholds = perNeuron ? new float[l.neurons] : null;
      float[] v = new float[l.neurons];
      float[] current = withCurrent ? new float[l.neurons] : null;
      for (int i = 0; i < l.neurons; i++) {
        float th = perNeuron ? (float) (0.5 + r.nextDouble()) : theta;
        if (perNeuron) {
          thresholds[i] = th;
        }
        int kind = r.nextInt(10);
        v[i] =
            kind == 0
                ? th
                : kind == 1
                    ? -0.0f
                    : kind == 2 ? Math.nextDown(th) : (float) (r.nextGaussian() * th);
        if (withCurrent) {
          current[i] = kind < 3 ? 0f : (float) (r.nextGaussian() * 0.3);
        }
      }
      float[] vs = v.clone();
      long[] bitsVector = new long[l.words];
      long[] bitsScalar = new long[l.words];
      java.util.Arrays.fill(bitsVector, -1L); // both must clear the words first
      java.util.Arrays.fill(bitsScalar, -1L);
      int nv = VectorFiring.fire(l, v, current, thresholds, theta, subtract, bitsVector);
      int ns = Firing.scalar(l, vs, current, thresholds, theta, subtract, bitsScalar);
      assertEquals(ns, nv, "spike count");
      assertTrue(ns > 0);
      assertArrayEquals(bitsScalar, bitsVector, "spikes");
      for (int i = 0; i < v.length; i++) {
        assertEquals(
            Float.floatToRawIntBits(vs[i]), Float.floatToRawIntBits(v[i]), "potential " + i);
      }
    }
  }
}
