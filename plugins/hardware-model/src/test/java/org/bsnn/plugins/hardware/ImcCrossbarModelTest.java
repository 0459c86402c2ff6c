package org.bsnn.plugins.hardware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bsnn.api.contract.TestRunContext;
import org.bsnn.api.contract.TestTensors;
import org.bsnn.api.network.Layer;
import org.bsnn.api.network.Weights;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.snn.Propagation;
import org.junit.jupiter.api.Test;

class ImcCrossbarModelTest {

  /** 2 rows x 1 column arrays, 1 pJ per row, 10 pJ per column, 8-bit ANN input at activity 0.5. */
  private static final ImcCrossbarConfig SMALL = new ImcCrossbarConfig(2, 1, 1.0, 10.0, 8, 0.5);

  @Test
  void tilesLargeLayers() {
    ImcCrossbarModel model = new ImcCrossbarModel(ImcCrossbarConfig.defaults());
    // conv 64->128, 3x3: fan-in 576 -> ceil(576/256) = 3 row tiles, 128/64 = 2 column tiles
    Layer.Conv2d conv =
        new Layer.Conv2d(
            3,
            1,
            1,
            new Weights.Binary(
                TestTensors.uniform(1, 1, 1, 128, 64, 3, 3), TestTensors.uniform(2, 1, 2, 128)),
            null);
    assertEquals(6, model.arrays(WeightedLayer.of("c", conv, new long[] {64, 8, 8})));
    assertEquals(1, model.arrays(WeightedLayer.of("d", Tiny.dense2(true), new long[] {3})));
  }

  @Test
  void spikeDrivenRowsAndPerStepReadsByHand() {
    List<Measurement> ms =
        new ImcCrossbarModel(SMALL)
            .estimate(
                Tiny.evaluation(true, Propagation.PIPELINED, new int[] {3, 3}),
                new TestRunContext(0));
    // dense2 (3 -> 2, binary): ceil(3/2) = 2 row tiles x 2 column tiles = 4 arrays
    assertEquals(4, Tiny.scalar(ms, "imc-arrays[binary-snn][dense2]"));
    // t=2 reads relu's 2 spikes of t=1: rows 2 x 2 column tiles = 4; columns 1 position x 2 row
    // tiles x 2 outputs x 2 samples = 8
    // t=3 reads 4 spikes: rows 8, columns 8; t=1: nothing arrived yet, no evaluation
    double t2 = (4 * 1.0 + 8 * 10.0) / 2;
    double t3 = (8 * 1.0 + 8 * 10.0) / 2;
    assertEquals(t2 + t3, Tiny.scalar(ms, "imc-energy[binary-snn][dense2]"), 1e-9);
    assertArrayEquals(
        new double[] {0, t2, t2 + t3}, Tiny.series(ms, "imc-energy[binary-snn][total]"), 1e-9);
    // ANN: 8 bit-serial evaluations; rows 8 x 0.5 x 3 x 2 column tiles = 24; columns 8 x 2 row
    // tiles x 2 outputs = 32
    double ann = 24 * 1.0 + 32 * 10.0;
    assertEquals(ann, Tiny.scalar(ms, "imc-energy[binary-ann][dense2]"), 1e-9);
    assertEquals(ann, Tiny.scalar(ms, "imc-energy[binary-ann][total]"), 1e-9);
    assertEquals(
        ann / (t2 + t3), Tiny.scalar(ms, "imc-energy-ratio[binary-ann/binary-snn]"), 1e-12);
    Tiny.assertNone(ms, "imc-energy[binary-snn][relu]"); // full precision: not on the crossbar
  }

  @Test
  void fullPrecisionNetworkHasNothingToMap() {
    TestRunContext context = new TestRunContext(0);
    List<Measurement> ms =
        new ImcCrossbarModel(SMALL)
            .estimate(Tiny.evaluation(false, Propagation.PIPELINED, new int[] {3, 3}), context);
    assertTrue(ms.isEmpty(), ms.toString());
    assertTrue(
        context.infos().stream().anyMatch(s -> s.contains("no binary layers")),
        context.infos().toString());
  }

  @Test
  void sizesAndEnergiesAreValidated() {
    assertThrows(
        IllegalArgumentException.class, () -> new ImcCrossbarConfig(0, 64, 0.1, 0.1, 8, 0.5));
    assertThrows(
        IllegalArgumentException.class, () -> new ImcCrossbarConfig(256, -1, 0.1, 0.1, 8, 0.5));
    assertThrows(
        IllegalArgumentException.class, () -> new ImcCrossbarConfig(256, 64, -0.1, 0.1, 8, 0.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ImcCrossbarConfig(256, 64, 0.1, Double.POSITIVE_INFINITY, 8, 0.5));
    assertThrows(
        IllegalArgumentException.class, () -> new ImcCrossbarConfig(256, 64, 0.1, 0.1, 0, 0.5));
    assertThrows(
        IllegalArgumentException.class, () -> new ImcCrossbarConfig(256, 64, 0.1, 0.1, 8, 1.5));
  }
}
