package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bsnn.api.results.ResultRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureCatalogTest {

  @TempDir Path tmp;
  private final FigureCatalog catalog = new FigureCatalog();

  @Test
  void rendersEveryFigureWithDataAndSkipsTheRest() {
    List<ResultRow> rows = new ArrayList<>(TestRows.headline());
    rows.addAll(TestRows.earlyExit());
    List<Path> files = catalog.renderRows(rows, tmp);
    assertEquals(List.of(
        "exit_early-exit.png", "exit_early-exit.svg",
        "synth_accuracy-vs-timestep.png", "synth_accuracy-vs-timestep.svg",
        "synth_spikes-per-layer.png", "synth_spikes-per-layer.svg",
        "synth_energy-per-inference.png", "synth_energy-per-inference.svg",
        "synth_confusion_snn_binarize=none.png", "synth_confusion_snn_binarize=none.svg"),
        FigureAssertions.names(files));
    assertEquals(List.of("accuracy-vs-timestep", "early-exit", "spikes-per-layer", "energy-per-inference",
        "confusion"), catalog.available(rows));
  }

  @Test
  void nothingToPlotWritesNothing() throws Exception {
    List<ResultRow> rows = new ArrayList<>();
    TestRows r = new TestRows("bare");
    r.scalar(TestRows.params(), 0, "ann-accuracy", 0.5);
    rows.addAll(r.rows);
    assertTrue(catalog.renderRows(rows, tmp.resolve("out")).isEmpty());
    assertTrue(catalog.available(rows).isEmpty());
    assertTrue(Files.notExists(tmp.resolve("out")));
    assertTrue(catalog.needs().contains("accuracy-vs-timestep: the series snn-accuracy"));
  }

  @Test
  void realFashionMnistRunRegeneratesByteIdentically() throws Exception {
    Path run = RealRuns.fashionMnistDir();
    List<Path> first = catalog.render(List.of(run), tmp.resolve("a"));
    List<Path> second = catalog.render(List.of(run.resolve("results.csv")), tmp.resolve("b"));
    assertEquals(List.of(
        "fashion-mnist-mlp_accuracy-vs-timestep.png", "fashion-mnist-mlp_accuracy-vs-timestep.svg",
        "fashion-mnist-mlp_spikes-per-layer.png", "fashion-mnist-mlp_spikes-per-layer.svg"),
        FigureAssertions.names(first));
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)));
    }
  }
}
