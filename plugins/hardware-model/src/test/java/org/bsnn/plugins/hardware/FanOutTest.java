package org.bsnn.plugins.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.LayerOps;
import org.bsnn.api.network.Weights;
import org.junit.jupiter.api.Test;

class FanOutTest {

  @Test
  void paddingGivesBorderPositionsFewerOutputs() {
    // in 4, kernel 3, stride 1, pad 1, out 4: input 0 is read by (o0,tap1), (o1,tap0)
    assertArrayEquals(new long[] {2, 3, 3, 2}, FanOut.axisCounts(4, 3, 1, 1, 4));
    assertEquals(10, FanOut.axisTotal(4, 3, 1, 1, 4)); // 4 outputs x 3 taps - 2 taps on padding
  }

  @Test
  void strideSkipsAndOverlaps() {
    // in 5, kernel 3, stride 2, pad 1 -> out 3; output o reads inputs 2o-1 .. 2o+1
    assertArrayEquals(new long[] {1, 2, 1, 2, 1}, FanOut.axisCounts(5, 3, 2, 1, 3));
    // kernel 1, stride 2: odd inputs are never read
    assertArrayEquals(new long[] {1, 0, 1, 0, 1}, FanOut.axisCounts(5, 1, 2, 0, 3));
  }

  @Test
  void spatialMapMatchesBruteForceEnumerationOfConnections() {
    int[][] geometries = {{7, 3, 1, 1}, {8, 3, 2, 1}, {6, 2, 2, 0}, {5, 5, 1, 2}, {9, 3, 3, 0}};
    for (int[] g : geometries) {
      int in = g[0];
      int k = g[1];
      int s = g[2];
      int p = g[3];
      int out = (in + 2 * p - k) / s + 1;
      long[][] brute = new long[in][in];
      for (int oy = 0; oy < out; oy++) {
        for (int ox = 0; ox < out; ox++) {
          for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
              int y = oy * s - p + ky;
              int x = ox * s - p + kx;
              if (y >= 0 && y < in && x >= 0 && x < in) {
                brute[y][x]++;
              }
            }
          }
        }
      }
      long[][] map = FanOut.spatial(in, in, k, s, p, out, out);
      for (int y = 0; y < in; y++) {
        assertArrayEquals(
            brute[y], map[y], "geometry " + java.util.Arrays.toString(g) + " row " + y);
      }
    }
  }

  @Test
  void convLayerGeometry() {
    // conv 2->3, 3x3, pad 1 on [2,4,4]
    Layer.Conv2d conv =
        new Layer.Conv2d(
            3, 1, 1, new Weights.FullPrecision(TestTensors.randn(1, 1, 3, 2, 3, 3)), null);
    WeightedLayer l = WeightedLayer.of("c", conv, new long[] {2, 4, 4});
    assertEquals(3L * 4 * 4 * 2 * 9, l.macs());
    assertEquals(18, l.fanIn());
    assertEquals(3, l.outputs());
    assertEquals(16, l.positions());
    assertEquals(3L * 2 * 10 * 10, l.connections());
    assertEquals(600.0 / 32, l.meanFanOut(), 1e-12); // 18.75 < 27 = outC*k^2 because of the border
    assertEquals(100.0 / 16, l.meanSpatialFanOut(), 1e-12);
    assertEquals(LayerOps.outputShape(conv, List.of(new long[] {2, 4, 4}))[1] * 4, l.positions());
  }

  @Test
  void denseLayerGeometry() {
    WeightedLayer l = WeightedLayer.of("d", Tiny.dense1(), new long[] {4});
    assertEquals(12, l.macs());
    assertEquals(3.0, l.meanFanOut());
    assertEquals(1.0, l.meanSpatialFanOut());
  }
}
