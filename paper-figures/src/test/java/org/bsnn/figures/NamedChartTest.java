package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class NamedChartTest {

  @Test
  void stemsAreSafeFileNames() {
    assertEquals(
        "fashion-mnist-mlp_confusion_snn_binarize=xnor-bwn",
        NamedChart.stem("fashion-mnist-mlp", "confusion", "snn", "binarize=xnor-bwn"));
    assertEquals(
        "exp_sweep_normalize.percentile", NamedChart.stem("Exp", "sweep", "normalize.percentile"));
    assertEquals("a-b_c-d", NamedChart.stem("a/b", "c d"));
    assertEquals("x_fig", NamedChart.stem("../..", "fig"));
  }

  @Test
  void rejectsPathLikeStems() {
    XYChart chart = FigureStyle.xyChart("t", "x", "y");
    assertThrows(IllegalArgumentException.class, () -> new NamedChart("../x", "c", chart));
    assertThrows(IllegalArgumentException.class, () -> new NamedChart(".hidden", "c", chart));
  }
}
