package org.bsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.results.ResultRow;
import org.bsnn.api.results.ResultsCsv;
import org.bsnn.api.stage.StageKind;
import org.bsnn.experiments.runner.ConsoleLog;
import org.bsnn.experiments.runner.ExperimentRunner;
import org.bsnn.experiments.runner.ResolvedJob;
import org.bsnn.experiments.runner.ResolvedStage;
import org.bsnn.figures.FigureCatalog;
import org.bsnn.figures.PaperNumbers;
import org.bsnn.figures.ReportWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every full-scale paper experiment ({@code experiments/paper/*.yaml}) runs end to end for one tiny
 * step: the dataset is replaced by generated images of the paper dataset's shape and class count
 * (CIFAR-100 3x32x32 and 100 classes, ImageNet 3x224x224 and 1000), and epochs, batch sizes,
 * calibration images, timesteps and images are shrunk to 1 or 2 on the command line; every other
 * setting is the file's, which the test checks against the file's own full-scale composition. Plain
 * sweep axes with more than two values keep their first and last value; linked axes (the FP/binary
 * recipes) are kept whole. The report of each run must pair FP and binary in one row per setting.
 * Without compute, every job of every paper file is also checked against the paper: the paper's
 * model and conversion settings except the keys its sweep varies, and its precision's training
 * recipe.
 *
 * <p>Files whose stand-in images are larger than 64x64 (ImageNet) are tagged {@code heavy} and
 * excluded by default: one training step of the 122 M-weight ImageNet vgg15ab took about 4.5
 * minutes and 9 GB resident on the 2-core development machine, beyond the test JVM's memory limits.
 * They run in a forked {@code bsnn} CLI with the launcher's limits: {@code mvn test -pl experiments
 * -Dgroups=heavy -Dtest=PaperExperimentsTest} (as {@code .ci/run} does).
 */
class PaperExperimentsTest {

  /**
   * Shared by all files, as on real data: files with the same training configs reuse the cached
   * networks.
   */
  @TempDir static Path results;

  /** Pixels above which a stand-in counts as heavy. */
  private static final int HEAVY_PIXELS = 64 * 64;

  /**
   * The stand-in dataset of a paper file.
   *
   * @param channels image channels
   * @param height image height, pixels
   * @param width image width, pixels
   * @param classes class count
   */
  record StandIn(int channels, int height, int width, int classes) {
    boolean heavy() {
      return height * width > HEAVY_PIXELS;
    }
  }

  static Stream<Path> paperFiles() throws IOException {
    Path dir = ExperimentFilesTest.root().resolve("experiments").resolve("paper");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no paper experiments in " + dir);
    return files.stream();
  }

  static Stream<Path> lightFiles() throws IOException {
    return paperFiles().filter(f -> !standIn(fullPlan(f)).heavy());
  }

  static Stream<Path> heavyFiles() throws IOException {
    return paperFiles().filter(f -> standIn(fullPlan(f)).heavy());
  }

  /**
   * The paper's training recipes (from the authors' reference README), by dataset plugin and
   * precision: the keys every paper file's trainer must have, as the resolved config prints them.
   */
  private static final Map<String, Map<String, String>> RECIPES =
      Map.of(
          "cifar100/fp",
              recipe(
                  "plugin",
                  "sgd",
                  "batchSize",
                  "256",
                  "epochs",
                  "200",
                  "learningRate",
                  "0.05",
                  "momentum",
                  "0.9",
                  "weightDecay",
                  "1.0E-4",
                  "schedule",
                  "multi-step",
                  "milestones",
                  "[81, 122]",
                  "gamma",
                  "0.1"),
          "cifar100/binary",
              recipe(
                  "plugin",
                  "adam",
                  "batchSize",
                  "256",
                  "epochs",
                  "200",
                  "learningRate",
                  "5.0E-4",
                  "weightDecay",
                  "5.0E-4",
                  "weightDecayEpochs",
                  "30",
                  "schedule",
                  "step",
                  "stepEpochs",
                  "30",
                  "gamma",
                  "0.5"),
          "imagenet-folder/fp",
              recipe(
                  "plugin",
                  "sgd",
                  "batchSize",
                  "128",
                  "epochs",
                  "100",
                  "learningRate",
                  "0.01",
                  "momentum",
                  "0.9",
                  "weightDecay",
                  "1.0E-4",
                  "schedule",
                  "step",
                  "stepEpochs",
                  "30",
                  "gamma",
                  "0.1"),
          "imagenet-folder/binary",
              recipe(
                  "plugin",
                  "adam",
                  "batchSize",
                  "128",
                  "epochs",
                  "100",
                  "learningRate",
                  "5.0E-4",
                  "beta1",
                  "0.0",
                  "beta2",
                  "0.999",
                  "weightDecay",
                  "5.0E-4",
                  "weightDecayEpochs",
                  "30",
                  "schedule",
                  "step",
                  "stepEpochs",
                  "30",
                  "gamma",
                  "0.5"));

  private static Map<String, String> recipe(String... keyValues) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put(keyValues[i], keyValues[i + 1]);
    }
    return out;
  }

  /**
   * Every job of every paper file (full scale, no compute) has the paper's model and conversion
   * settings ({@link PaperNumbers#SETTINGS}) except the keys its sweep varies, vgg15ab with the
   * dataset's head, XNOR binary weights with the first and last layer in full precision, and its
   * precision's training recipe.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("paperFiles")
  void everyJobHasThePapersSettingsExceptWhatItSweeps(Path file) {
    for (ResolvedJob job : fullPlan(file).jobs()) {
      String where = file.getFileName() + " [" + job.spec().variant() + "]";
      Map<String, String> settings = new TreeMap<>();
      for (StageKind kind : StageKind.values()) {
        for (ResolvedStage st : job.all(kind)) {
          settings.put(kind.group(), st.provider().id());
          st.configMap().forEach((k, v) -> settings.put(kind.group() + "." + k, String.valueOf(v)));
        }
      }
      List<String> deviations =
          PaperNumbers.deviations(settings).stream()
              .filter(d -> !job.spec().params().containsKey(d.split(" ")[0]))
              .toList();
      assertEquals(List.of(), deviations, where + ": not the paper's settings");
      String dataset = settings.get("dataset");
      assertEquals("vgg15ab", settings.get("model"), where);
      assertEquals(
          dataset.startsWith("imagenet") ? "imagenet" : "cifar", settings.get("model.head"), where);
      boolean binary = settings.containsKey("binarize");
      if (binary) {
        assertEquals("xnor-bwn", settings.get("binarize"), where);
        assertEquals("true", settings.get("binarize.keepFirst"), where);
        assertEquals("true", settings.get("binarize.keepLast"), where);
      }
      Map<String, String> recipe = RECIPES.get(dataset + (binary ? "/binary" : "/fp"));
      assertTrue(recipe != null, where + ": no paper training recipe for dataset " + dataset);
      recipe.forEach(
          (k, v) ->
              assertEquals(
                  v,
                  settings.get(k.equals("plugin") ? "train" : "train." + k),
                  where + " train." + k));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lightFiles")
  void runsOneTinyStepOnGeneratedDataOfTheSameShape(Path file) throws IOException {
    ExperimentRunner.Plan full = fullPlan(file);
    Tiny tiny = tiny(full);
    ExperimentRunner runner = runner();
    ExperimentRunner.Plan plan = runner.plan(file, tiny.overrides(), tiny.multirun());
    checkOnlyTheShrunkKeysDiffer(full, plan, tiny.overriddenKeys());
    long start = System.nanoTime();
    ExperimentRunner.Summary summary = runner.run(plan);
    System.out.printf(
        "%s: %d jobs in %.1f s%n",
        file.getFileName(), summary.jobsRun(), (System.nanoTime() - start) / 1e9);
    assertEquals(plan.jobs().size(), summary.jobsRun());
    checkResults(plan, summary.rows(), summary.runDirectory());
  }

  @Tag("heavy")
  @ParameterizedTest(name = "{0}")
  @MethodSource("heavyFiles")
  void heavyFileRunsOneTinyStepInAForkedCli(Path file) throws Exception {
    ExperimentRunner.Plan full = fullPlan(file);
    Tiny tiny = tiny(full);
    ExperimentRunner.Plan plan = runner().plan(file, tiny.overrides(), tiny.multirun());
    checkOnlyTheShrunkKeysDiffer(full, plan, tiny.overriddenKeys());
    Path root = ExperimentFilesTest.root();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g",
                "-Dorg.bytedeco.javacpp.maxbytes=6G",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=10G",
                "-Dorg.bytedeco.javacpp.cachedir="
                    + System.getProperty(
                        "org.bytedeco.javacpp.cachedir", root.resolve(".javacpp-cache").toString()),
                "-Djava.awt.headless=true",
                "-Dbsnn.home=" + root,
                "-cp",
                System.getProperty("java.class.path"),
                "org.bsnn.experiments.cli.BsnnCli",
                "run",
                file.toString()));
    command.addAll(tiny.overrides());
    tiny.multirun().forEach(m -> command.addAll(List.of("-m", m)));
    command.addAll(List.of("--results-dir", results.toString()));
    Path log = results.resolve(file.getFileName() + ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long start = System.nanoTime();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail(file + ": the forked run did not finish in 30 minutes; log: " + log);
    }
    System.out.printf(
        "%s: %d jobs in %.1f s (forked)%n",
        file.getFileName(), plan.jobs().size(), (System.nanoTime() - start) / 1e9);
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), file + " exited with " + p.exitValue() + ":\n" + tail(out));
    Path runs = results.resolve("runs").resolve(plan.experiment().name());
    Path runDir;
    try (Stream<Path> dirs = Files.list(runs)) {
      runDir =
          dirs.filter(d -> Files.isRegularFile(d.resolve("results.csv")))
              .max(Path::compareTo)
              .orElseThrow();
    }
    checkResults(plan, ResultsCsv.read(runDir.resolve("results.csv")), runDir);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The tiny run's command line.
   *
   * @param overrides key=value overrides
   * @param multirun -m key=a,b arguments shrinking long sweep axes
   * @param overriddenKeys "group.key" of every shrunk config key, "dataset" for the whole dataset
   */
  record Tiny(List<String> overrides, List<String> multirun, Set<String> overriddenKeys) {}

  static Tiny tiny(ExperimentRunner.Plan full) {
    StandIn s = standIn(full);
    List<String> overrides =
        new ArrayList<>(
            List.of(
                "dataset=synthetic",
                "dataset.channels=" + s.channels(),
                "dataset.height=" + s.height(),
                "dataset.width=" + s.width(),
                "dataset.classes=" + s.classes(),
                "dataset.trainSize=1",
                "dataset.testSize=1",
                "seed=0"));
    Set<String> keys = new LinkedHashSet<>(List.of("dataset"));
    ResolvedJob job = full.jobs().get(0);
    shrink(job, StageKind.TRAIN, Map.of("epochs", 1, "batchSize", 1), overrides, keys);
    shrink(job, StageKind.NORMALIZE, Map.of("samples", 1, "batchSize", 1), overrides, keys);
    shrink(
        job,
        StageKind.SIMULATE,
        Map.of("timesteps", 2, "batchSize", 1, "limit", 1),
        overrides,
        keys);
    List<String> multirun = new ArrayList<>();
    full.experiment()
        .sweep()
        .forEach(
            (axis, values) -> {
              boolean plain = StageKind.ofGroup(axis.split("\\.")[0]).isPresent();
              if (plain && values.size() > 2) {
                multirun.add(axis + "=" + values.get(0) + "," + values.get(values.size() - 1));
              }
            });
    return new Tiny(overrides, multirun, keys);
  }

  /** Adds group.key=value for each of the keys the stage's plugin has. */
  private static void shrink(
      ResolvedJob job,
      StageKind kind,
      Map<String, Integer> values,
      List<String> overrides,
      Set<String> keys) {
    Optional<ResolvedStage> stage = job.one(kind);
    if (stage.isEmpty()) {
      return;
    }
    Map<String, Object> config = stage.get().configMap();
    new TreeMap<>(values)
        .forEach(
            (k, v) -> {
              if (config.containsKey(k)) {
                overrides.add(kind.group() + "." + k + "=" + v);
                keys.add(kind.group() + "." + k);
              }
            });
  }

  /** The paper dataset's image shape and class count, from the file's dataset and model configs. */
  static StandIn standIn(ExperimentRunner.Plan plan) {
    ResolvedJob job = plan.jobs().get(0);
    ResolvedStage dataset =
        job.one(StageKind.DATASET).orElseThrow(() -> new AssertionError("no dataset selected"));
    Map<String, Object> c = dataset.configMap();
    int modelClasses =
        job.one(StageKind.MODEL)
            .map(m -> m.configMap().get("classes"))
            .map(x -> ((Number) x).intValue())
            .orElse(0);
    StandIn s;
    switch (dataset.provider().id()) {
      case "cifar100":
        s =
            new StandIn(
                3, 32, 32, String.valueOf(c.get("labels")).equalsIgnoreCase("coarse") ? 20 : 100);
        break;
      case "cifar10":
        s = new StandIn(3, 32, 32, 10);
        break;
      case "imagenet-folder":
        int crop = ((Number) c.get("crop")).intValue();
        assertTrue(
            modelClasses > 0,
            plan.experiment().file()
                + ": an ImageNet paper file must pin model.classes "
                + "(the class count of a folder dataset comes from its folders)");
        s = new StandIn(3, crop, crop, modelClasses);
        break;
      default:
        throw new AssertionError(
            plan.experiment().file()
                + ": dataset '"
                + dataset.provider().id()
                + "' has no stand-in shape here; add its image shape and class count to PaperExperimentsTest.standIn");
    }
    if (modelClasses > 0) {
      assertEquals(
          s.classes(),
          modelClasses,
          plan.experiment().file() + ": model.classes vs the dataset's classes");
    }
    return s;
  }

  static ExperimentRunner.Plan fullPlan(Path file) {
    return runner().plan(file, List.of(), List.of());
  }

  static ExperimentRunner runner() {
    Path root = ExperimentFilesTest.root();
    ConsoleLog log =
        new ConsoleLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    return new ExperimentRunner(
        new ExperimentRunner.Settings(
            root, results, root.resolve("experiments").resolve("conf"), Optional.empty()),
        PluginRegistry.discover(),
        log,
        Clock.systemUTC());
  }

  /**
   * Every tiny job equals the full-scale job of the same variant (seed 0) in every stage's plugin
   * and config, except the dataset and the shrunk keys: the test runs the paper's settings.
   */
  static void checkOnlyTheShrunkKeysDiffer(
      ExperimentRunner.Plan full, ExperimentRunner.Plan tiny, Set<String> shrunk) {
    assertFalse(tiny.jobs().isEmpty());
    for (ResolvedJob t : tiny.jobs()) {
      ResolvedJob f =
          full.jobs().stream()
              .filter(j -> j.spec().variant().equals(t.spec().variant()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "tiny variant " + t.spec().variant() + " is not in the full file"));
      for (StageKind kind : StageKind.values()) {
        if (kind == StageKind.DATASET) {
          continue;
        }
        List<ResolvedStage> a = f.all(kind);
        List<ResolvedStage> b = t.all(kind);
        assertEquals(
            a.stream().map(x -> x.provider().id()).toList(),
            b.stream().map(x -> x.provider().id()).toList(),
            t.spec().variant() + " " + kind.group());
        for (int i = 0; i < a.size(); i++) {
          Map<String, Object> ca = new TreeMap<>(a.get(i).configMap());
          Map<String, Object> cb = new TreeMap<>(b.get(i).configMap());
          for (String key : shrunk) {
            if (key.startsWith(kind.group() + ".")) {
              ca.remove(key.substring(kind.group().length() + 1));
              cb.remove(key.substring(kind.group().length() + 1));
            }
          }
          assertEquals(
              ca, cb, t.spec().variant() + " " + kind.group() + " differs beyond the shrunk keys");
        }
      }
    }
  }

  /**
   * Each job produced the ANN accuracy and an SNN accuracy at each of the 2 timesteps, and the
   * report puts FP and binary of each setting in one row.
   */
  static void checkResults(ExperimentRunner.Plan plan, List<ResultRow> rows, Path runDir) {
    Set<String> variants = new TreeSet<>();
    for (ResolvedJob job : plan.jobs()) {
      String v = job.spec().variant();
      variants.add(v);
      List<ResultRow> mine = rows.stream().filter(r -> r.variant().equals(v)).toList();
      assertTrue(
          mine.stream().anyMatch(r -> r.metric().equals("ann-accuracy")), v + ": no ann-accuracy");
      assertTrue(
          mine.stream().anyMatch(r -> r.metric().equals("snn-final-accuracy")),
          v + ": no snn-final-accuracy");
      assertEquals(
          List.of(1, 2),
          mine.stream()
              .filter(r -> r.metric().equals("snn-accuracy"))
              .map(r -> r.timestep().getAsInt())
              .sorted()
              .toList(),
          v + ": snn-accuracy timesteps");
      if (job.all(StageKind.OPTIMIZE).stream()
          .anyMatch(s -> s.provider().id().startsWith("early-exit"))) {
        assertTrue(
            mine.stream().anyMatch(r -> r.metric().equals("timesteps-used-mean")),
            v + ": no exit latency");
      }
    }
    long binary = plan.jobs().stream().filter(j -> !j.all(StageKind.BINARIZE).isEmpty()).count();
    assertEquals(plan.jobs().size(), 2 * binary, "each setting has an FP and a binary job");
    Path out = runDir.resolve("report");
    new ReportWriter(ReportWriter.Options.DEFAULTS, new FigureCatalog(List.of()))
        .write(List.of(runDir), out);
    String md;
    try {
      md = Files.readString(out.resolve(ReportWriter.MARKDOWN), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    long tableRows = md.lines().filter(l -> l.startsWith("| synthetic | vgg15ab |")).count();
    assertEquals(
        variants.size() / 2,
        tableRows,
        "one report row per setting, FP and binary side by side:\n" + md);
  }

  private static String tail(String s) {
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }
}
