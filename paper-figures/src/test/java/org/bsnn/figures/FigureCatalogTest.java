package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.bsnn.api.results.ResultRow;
import org.junit.jupiter.api.Assumptions;
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
    assertEquals(
        List.of(
            "exit_early-exit.png", "exit_early-exit.svg",
            "synth_accuracy-vs-timestep.png", "synth_accuracy-vs-timestep.svg",
            "synth_spikes-per-layer.png", "synth_spikes-per-layer.svg",
            "synth_energy-per-inference.png", "synth_energy-per-inference.svg",
            "synth_confusion_snn_binarize=none.png", "synth_confusion_snn_binarize=none.svg"),
        FigureAssertions.names(files));
    assertEquals(
        List.of(
            "accuracy-vs-timestep",
            "early-exit",
            "spikes-per-layer",
            "energy-per-inference",
            "confusion"),
        catalog.available(rows));
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
    assertEquals(
        List.of(
            "fashion-mnist-mlp_accuracy-vs-timestep.png",
                "fashion-mnist-mlp_accuracy-vs-timestep.svg",
            "fashion-mnist-mlp_spikes-per-layer.png", "fashion-mnist-mlp_spikes-per-layer.svg"),
        FigureAssertions.names(first));
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)));
    }
  }

  /**
   * The release check for the committed figures: {@code paper-figures/quick/} must be exactly what
   * {@code bsnn figures results/baselines/quick/* --out paper-figures/quick} draws from the
   * committed baseline runs, the same files and, where the style's font is installed and the JDK
   * release is the one recorded in {@code drawn-with.properties} (the bytes depend on font metrics;
   * {@code .ci/run} installs the font), the same bytes.
   */
  @Test
  void committedQuickFiguresAreWhatTheBaselinesDraw() throws IOException {
    Path repo = Path.of("").toAbsolutePath().getParent();
    Path baselines = repo.resolve("results/baselines/quick");
    Path committed = repo.resolve("paper-figures/quick");
    Assumptions.assumeTrue(
        Files.isDirectory(baselines) && Files.isDirectory(committed),
        "not run from a module of the repository");
    List<Path> runs;
    try (Stream<Path> files = Files.list(baselines)) {
      runs =
          files.filter(f -> Files.isRegularFile(f.resolve(ResultsInput.RESULTS))).sorted().toList();
    }
    assertTrue(runs.size() >= 3, "baseline run directories: " + runs);
    List<Path> drawn = catalog.render(runs, tmp.resolve("quick"));
    List<String> committedNames;
    try (Stream<Path> files = Files.list(committed)) {
      committedNames =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".png") || n.endsWith(".svg"))
              .sorted()
              .toList();
    }
    assertEquals(
        committedNames,
        FigureAssertions.names(drawn).stream().sorted().toList(),
        "paper-figures/quick must hold exactly the figures of results/baselines/quick; redraw with "
            + "./bsnn figures results/baselines/quick/* --out paper-figures/quick (after deleting the old ones)");
    boolean fontInstalled =
        Arrays.asList(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
            .contains(FigureStyle.FONT_FAMILY);
    Assumptions.assumeTrue(
        fontInstalled, FigureStyle.FONT_FAMILY + " is not installed; byte comparison skipped");
    Properties drawnWith = new Properties();
    try (var in = Files.newBufferedReader(committed.resolve("drawn-with.properties"))) {
      drawnWith.load(in);
    }
    String release = drawnWith.getProperty("java.specification.version");
    Assumptions.assumeTrue(
        System.getProperty("java.specification.version").equals(release),
        "the committed figures were drawn with JDK "
            + release
            + " and font metrics differ between JDK releases; "
            + "byte comparison skipped on JDK "
            + System.getProperty("java.specification.version"));
    for (Path file : drawn) {
      assertArrayEquals(
          Files.readAllBytes(committed.resolve(file.getFileName())),
          Files.readAllBytes(file),
          file.getFileName()
              + " differs from the committed one; redraw with ./bsnn figures results/baselines/quick/* "
              + "--out paper-figures/quick");
    }
  }
}
