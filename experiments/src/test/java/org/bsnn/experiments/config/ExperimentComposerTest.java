package org.bsnn.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.config.ConfigEntry;
import org.bsnn.api.config.ConfigException;
import org.bsnn.api.stage.StageKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentComposerTest {

  @TempDir Path dir;
  Path conf;

  @BeforeEach
  void optionFiles() throws IOException {
    conf = dir.resolve("conf");
    Files.createDirectories(conf.resolve("normalize"));
    Files.writeString(
        conf.resolve("normalize").resolve("paper.yaml"),
        "plugin: percentile\npercentile: 99.9\nsamples: 3500\n");
  }

  private Path experiment(String yaml) throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private ComposedExperiment compose(String yaml, List<String> overrides, List<String> multirun)
      throws IOException {
    return new ExperimentComposer(conf).compose(experiment(yaml), overrides, multirun);
  }

  private static Object value(JobSpec job, StageKind kind, String key) {
    ConfigEntry e = job.of(kind).get(0).entries().get(key);
    return e == null ? null : e.value();
  }

  @Test
  void precedenceIsOptionFileThenExperimentFileThenCommandLine() throws IOException {
    String yaml = "name: e\ndefaults:\n  normalize: paper\nnormalize:\n  samples: 128\n";
    JobSpec job = compose(yaml, List.of("normalize.percentile=99.0"), List.of()).jobs().get(0);
    StageSelection sel = job.of(StageKind.NORMALIZE).get(0);
    assertEquals("percentile", sel.plugin());
    assertEquals("paper", sel.option());
    assertEquals(99.0, value(job, StageKind.NORMALIZE, "percentile"));
    assertEquals(128L, value(job, StageKind.NORMALIZE, "samples"));
    assertEquals(
        "exp.yaml:5", sel.entries().get("samples").location().toString().replace(dir + "/", ""));
  }

  @Test
  void optionWithoutFileIsThePluginIdWithDefaults() throws IOException {
    JobSpec job =
        compose("defaults: {normalize: max-activation}\n", List.of(), List.of()).jobs().get(0);
    assertEquals("max-activation", job.of(StageKind.NORMALIZE).get(0).plugin());
    assertTrue(job.of(StageKind.NORMALIZE).get(0).entries().isEmpty());
  }

  @Test
  void sweepExpandsTheCartesianProductTimesSeeds() throws IOException {
    String yaml =
        "seeds: [1, 2]\ndefaults: {normalize: paper}\nsweep:\n  normalize.percentile: [99.0, 99.9]\n  binarize: [none, xnor-bwn]\n";
    ComposedExperiment e = compose(yaml, List.of(), List.of());
    assertEquals(8, e.jobs().size());
    JobSpec last = e.jobs().get(7);
    assertEquals(2L, last.seed());
    assertEquals("normalize.percentile=99.9;binarize=xnor-bwn", last.variant());
    assertEquals("xnor-bwn", last.params().get("binarize"));
    assertEquals(99.9, value(last, StageKind.NORMALIZE, "percentile"));
    assertEquals("xnor-bwn", last.of(StageKind.BINARIZE).get(0).plugin());
    assertTrue(e.jobs().get(0).of(StageKind.BINARIZE).isEmpty(), "'none' disables the group");
  }

  @Test
  void commandLineSweepReplacesTheFileAxisAndAnExplicitValuePinsIt() throws IOException {
    String yaml = "defaults: {normalize: paper}\nsweep:\n  normalize.percentile: [99.0, 99.9]\n";
    assertEquals(
        3, compose(yaml, List.of(), List.of("normalize.percentile=90,95,99")).jobs().size());
    // replaced in place: variant names keep the file's key order
    String two = yaml + "  binarize: [none, xnor-bwn]\n";
    assertEquals(
        "normalize.percentile=95;binarize=none",
        compose(two, List.of(), List.of("normalize.percentile=90,95")).jobs().get(2).variant());
    ComposedExperiment pinned = compose(yaml, List.of("normalize.percentile=97.5"), List.of());
    assertEquals(1, pinned.jobs().size());
    assertEquals(97.5, value(pinned.jobs().get(0), StageKind.NORMALIZE, "percentile"));
  }

  private static final String LINKED =
      "seeds: [0, 1]\ndefaults: {normalize: paper, train: sgd}\nsweep:\n"
          + "  precision:\n"
          + "    - {binarize: none, train: sgd, train.learningRate: 0.05}\n"
          + "    - {binarize: xnor-bwn, train: adam, train.learningRate: 0.0005}\n"
          + "  normalize.percentile: [99.0, 99.9]\n";

  @Test
  void linkedAxisSetsItsKeysTogetherWithoutTheCartesianProduct() throws IOException {
    ComposedExperiment e = compose(LINKED, List.of(), List.of());
    // 2 linked values x 2 percentiles x 2 seeds; a cartesian product of binarize and train would
    // give 16
    assertEquals(8, e.jobs().size());
    for (JobSpec job : e.jobs()) {
      boolean binary = !job.of(StageKind.BINARIZE).isEmpty();
      assertEquals(binary ? "adam" : "sgd", job.of(StageKind.TRAIN).get(0).plugin(), job.variant());
      assertEquals(
          binary ? 0.0005 : 0.05, value(job, StageKind.TRAIN, "learningRate"), job.variant());
      assertEquals(binary ? "xnor-bwn" : "none", job.params().get("binarize"));
      assertEquals(binary ? "adam" : "sgd", job.params().get("train"));
    }
    assertEquals(
        "binarize=xnor-bwn;train=adam;train.learningRate=5.0E-4;normalize.percentile=99.9",
        e.jobs().get(7).variant());
    assertEquals(e.jobs().get(6).variant(), e.jobs().get(7).variant(), "seeds share the variant");
    assertEquals(
        List.of(
            "binarize=none;train=sgd;train.learningRate=0.05",
            "binarize=xnor-bwn;train=adam;train.learningRate=5.0E-4"),
        e.sweep().get("precision"));
  }

  @Test
  void pinningAKeyOfALinkedAxisKeepsTheValuesThatAgree() throws IOException {
    ComposedExperiment fp = compose(LINKED, List.of("binarize=none"), List.of());
    assertEquals(4, fp.jobs().size());
    assertTrue(
        fp.jobs().stream().allMatch(j -> j.of(StageKind.TRAIN).get(0).plugin().equals("sgd")));
    // no value agrees: the command line wins and the axis sweeps its remaining keys
    ComposedExperiment sign = compose(LINKED, List.of("binarize=sign"), List.of());
    assertEquals(8, sign.jobs().size());
    assertTrue(
        sign.jobs().stream()
            .allMatch(
                j ->
                    j.of(StageKind.BINARIZE).get(0).plugin().equals("sign")
                        && !j.params().containsKey("binarize")));
  }

  @Test
  void malformedLinkedAxesNameTheLineAndTheRule() throws IOException {
    ConfigException differentKeys =
        assertThrows(
            ConfigException.class,
            () ->
                compose(
                    "sweep:\n  precision:\n    - {binarize: none, train: sgd}\n    - {binarize: xnor-bwn}\n",
                    List.of(),
                    List.of()));
    assertTrue(
        differentKeys.getMessage().contains("exp.yaml:4")
            && differentKeys.getMessage().contains("same keys"),
        differentKeys.getMessage());
    ConfigException mixed =
        assertThrows(
            ConfigException.class,
            () ->
                compose(
                    "sweep:\n  precision: [none, {binarize: xnor-bwn}]\n", List.of(), List.of()));
    assertTrue(mixed.getMessage().contains("mixes mappings and plain values"), mixed.getMessage());
    ConfigException twice =
        assertThrows(
            ConfigException.class,
            () ->
                compose(
                    "sweep:\n  binarize: [none, sign]\n  precision:\n    - {binarize: none}\n",
                    List.of(),
                    List.of()));
    assertTrue(
        twice.getMessage().contains("exp.yaml:3")
            && twice.getMessage().contains("set by two sweep axes"),
        twice.getMessage());
    ConfigException split =
        assertThrows(
            ConfigException.class, () -> compose(LINKED, List.of(), List.of("binarize=none,sign")));
    assertTrue(
        split.getMessage().contains("linked sweep axis 'precision'")
            && split.getMessage().contains("exp.yaml:4"),
        split.getMessage());
  }

  @Test
  void listGroupsTakeOptionsAndPerOptionSettings() throws IOException {
    String yaml =
        "defaults:\n  evaluate: [ann-accuracy, accuracy-vs-timestep]\nevaluate:\n  accuracy-vs-timestep: {within: [2.0]}\n";
    JobSpec job =
        compose(yaml, List.of("evaluate.accuracy-vs-timestep.within=[3.0]"), List.of())
            .jobs()
            .get(0);
    assertEquals(2, job.of(StageKind.EVALUATE).size());
    assertEquals(List.of(3.0), job.of(StageKind.EVALUATE).get(1).entries().get("within").value());
  }

  @Test
  void nestedKeysOnTheCommandLineBuildMaps() throws IOException {
    JobSpec job =
        compose(
                "defaults: {hardware: [energy]}\n",
                List.of("hardware.energy.table.mac=4.6"),
                List.of())
            .jobs()
            .get(0);
    assertEquals(
        java.util.Map.of("mac", 4.6),
        job.of(StageKind.HARDWARE).get(0).entries().get("table").value());
  }

  @Test
  void unknownTopLevelKeyNamesFileLineAndValidKeys() throws IOException {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> compose("name: e\nsimulte: {timesteps: 3}\n", List.of(), List.of()));
    assertTrue(e.getMessage().contains("exp.yaml:2"), e.getMessage());
    assertTrue(e.getMessage().contains("'simulte'"), e.getMessage());
    assertTrue(e.getMessage().contains("simulate"), e.getMessage());
  }

  @Test
  void malformedYamlNamesTheLine() throws IOException {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> compose("name: e\ndefaults: {dataset: [\n", List.of(), List.of()));
    assertTrue(e.getMessage().contains("exp.yaml:"), e.getMessage());
    assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
  }

  @Test
  void badOverridesAreExplained() throws IOException {
    String yaml = "defaults: {normalize: paper}\n";
    assertTrue(
        assertThrows(ConfigException.class, () -> compose(yaml, List.of("normalize"), List.of()))
            .getMessage()
            .contains("group=option"));
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> compose(yaml, List.of("simulate.timesteps=5"), List.of()))
            .getMessage()
            .contains("no simulate plugin is selected"));
    assertTrue(
        assertThrows(ConfigException.class, () -> compose(yaml, List.of("colour=red"), List.of()))
            .getMessage()
            .contains("unknown group 'colour'"));
    assertTrue(
        assertThrows(ConfigException.class, () -> compose("seed: 1.5\n", List.of(), List.of()))
            .getMessage()
            .contains("integer"));
  }

  @Test
  void seedOnTheCommandLineReplacesTheFileSeeds() throws IOException {
    ComposedExperiment e = compose("seeds: [1, 2, 3]\n", List.of("seed=7"), List.of());
    assertEquals(List.of(7L), e.seeds());
    assertFalse(e.jobs().isEmpty());
  }
}
