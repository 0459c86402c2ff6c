package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input and fault suite: the {@code bsnn} command line driven as a user drives it, with
 * broken experiment files, overrides, data files, saved networks and imported models. Every case
 * must end with exit code 2, an {@code error:} message naming the file, line, node or value, no
 * stack trace or exception class name, nothing half-written (no new run folder for an error found
 * before computing, a {@code FAILED} marker otherwise) and the results already there untouched.
 *
 * <p>Faults that need processes of their own (kill -9, concurrent runs, a full disk, permissions as
 * another user) are in {@code tools/faults/run-suite.sh}; docs/reliability.md describes both.
 */
class BadInputSuiteTest {

  /** What the results folder looks like after a case. */
  private enum After {
    /** Found before any computation: no run folder is created. */
    NO_RUN_FOLDER,
    /** Found while computing: one new run folder, marked FAILED, without results.csv. */
    FAILED_RUN
  }

  /** One case: a name, how to call bsnn, what stderr must name, what must be left behind. */
  private record Case(
      String name, Function<Fixtures, String[]> args, List<String> mustName, After after) {}

  /** Stack-trace lines, and class names of exceptions or errors, which a user must not see. */
  private static final Pattern LEAK =
      Pattern.compile(
          "\tat |Exception|\\b(java|javax|jdk|sun|org|com)\\.[a-z0-9]+\\.[A-Za-z0-9.$]*(Error|Exception)\\b");

  @TempDir static Path dir;
  private static Fixtures fx;
  private static String originalHome;

  // the summary printed at the end: what a reader of the build log wants to know
  private static int cases;
  private static int clearErrors;
  private static int leaks;
  private static int silentAcceptances;
  private static int dataLost;

  @BeforeAll
  static void fixtures() throws IOException {
    originalHome = System.getProperty("bsnn.home");
    System.setProperty("bsnn.home", dir.toString());
    fx = Fixtures.create(dir);
  }

  @AfterAll
  static void summary() {
    if (originalHome == null) {
      System.clearProperty("bsnn.home");
    } else {
      System.setProperty("bsnn.home", originalHome);
    }
    System.out.printf(
        "bad-input suite: %d cases, %d clear errors, %d stack traces or class names shown,"
            + " %d silent acceptances, %d data lost%n",
        cases, clearErrors, leaks, silentAcceptances, dataLost);
  }

  @TestFactory
  Stream<DynamicTest> everyBadInputIsAClearErrorThatWritesNothing() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  private static void check(Case c) throws IOException {
    Map<String, String> before = snapshot(fx.results());
    CliRun cli = new CliRun();
    int code = cli.run(c.args().apply(fx));
    String err = cli.err();
    Map<String, String> after = snapshot(fx.results());
    List<String> newRuns = newRunFolders(before, after);

    cases++;
    boolean leaked = LEAK.matcher(err).find();
    boolean named = c.mustName().stream().allMatch(err::contains);
    boolean lost =
        before.entrySet().stream().anyMatch(e -> !e.getValue().equals(after.get(e.getKey())));
    boolean halfWritten =
        switch (c.after()) {
          case NO_RUN_FOLDER -> !newRuns.isEmpty();
          case FAILED_RUN ->
              newRuns.size() != 1
                  || !after.containsKey(newRuns.get(0) + "/FAILED")
                  || after.containsKey(newRuns.get(0) + "/results.csv");
        };
    if (code == 0) {
      silentAcceptances++;
    } else if (leaked) {
      leaks++;
    } else if (code == BsnnCli.BAD_INPUT && named && err.startsWith("error: ")) {
      clearErrors++;
    }
    if (lost) {
      dataLost++;
    }

    assertEquals(BsnnCli.BAD_INPUT, code, c.name() + ": exit code; stderr:\n" + err);
    assertTrue(err.startsWith("error: "), c.name() + ": " + err);
    for (String part : c.mustName()) {
      assertTrue(err.contains(part), c.name() + ": the message names '" + part + "': " + err);
    }
    assertTrue(!leaked, c.name() + ": no stack trace or class name: " + err);
    assertTrue(!lost, c.name() + ": the results already there are untouched");
    assertTrue(!halfWritten, c.name() + ": expected " + c.after() + ", new run folders " + newRuns);
  }

  private static List<Case> cases() {
    List<Case> all = new ArrayList<>();
    // experiment files
    all.add(
        config(
            "unknown top-level key",
            f -> run(f.yaml("unknown-key.yaml", f.ok().replace("seed: 1", "sed: 1"))),
            "unknown-key.yaml:2",
            "unknown key 'sed'"));
    all.add(
        config(
            "unknown plugin key",
            f -> run(f.yaml("plugin-key.yaml", f.ok().replace("hidden: [8]", "hiden: [8]"))),
            "plugin-key.yaml:",
            "unknown key 'hiden'"));
    all.add(
        config(
            "wrong type in a list",
            f -> run(f.yaml("type.yaml", f.ok().replace("hidden: [8]", "hidden: [8, x]"))),
            "type.yaml:",
            "'x'"));
    all.add(
        config(
            "seed not an integer",
            f -> run(f.yaml("seed.yaml", f.ok().replace("seed: 1", "seed: abc"))),
            "seed.yaml:2",
            "'abc'"));
    all.add(
        config(
            "unknown plugin",
            f -> run(f.yaml("plugin.yaml", f.ok().replace("mlp", "mpl"))),
            "plugin.yaml:",
            "'mpl'"));
    all.add(
        config(
            "YAML syntax: bad indentation",
            f -> run(f.yaml("indent.yaml", "name: x\n  bad: indent\n")),
            "indent.yaml:2",
            "malformed YAML"));
    all.add(
        config(
            "YAML syntax: tab",
            f -> run(f.yaml("tab.yaml", "name: x\nlist:\n\t- 1\n")),
            "tab.yaml:3",
            "malformed YAML"));
    all.add(
        config(
            "YAML syntax: unclosed list",
            f -> run(f.yaml("unclosed.yaml", "name: [x\n")),
            "unclosed.yaml:",
            "malformed YAML"));
    all.add(
        config(
            "YAML: duplicate key",
            f -> run(f.yaml("dup.yaml", "name: x\nname: y\n")),
            "dup.yaml:2",
            "duplicate key 'name'"));
    all.add(
        config(
            "YAML: recursive alias",
            f -> run(f.yaml("alias.yaml", "name: x\na: &a [*a]\n")),
            "alias.yaml:2",
            "alias"));
    all.add(
        config(
            "YAML: a list, not a mapping",
            f -> run(f.yaml("list.yaml", "- a\n- b\n")),
            "list.yaml:1",
            "mapping"));
    all.add(config("binary file", f -> run(f.bytes("binary.yaml", binary())), "binary.yaml"));
    all.add(config("empty file", f -> run(f.yaml("empty.yaml", "")), "empty.yaml", "empty"));
    all.add(
        config(
            "missing file",
            f -> run(f.dir().resolve("nope.yaml").toString()),
            "nope.yaml",
            "not found"));
    all.add(
        config("directory as the file", f -> run(f.dir().toString()), "cannot read", "directory"));
    // command-line overrides
    all.add(config("override: unknown key", f -> run(f.okFile(), "model.hiden=3"), "'hiden'"));
    all.add(
        config(
            "override: wrong type", f -> run(f.okFile(), "model.hidden=abc"), "'abc'", "hidden"));
    all.add(
        config(
            "override: out of range",
            f -> run(f.okFile(), "dataset.trainLimit=-1"),
            "trainLimit",
            "-1"));
    all.add(
        config(
            "override: non-finite mean",
            f -> run(f.okFile(), "dataset.mean=[.nan]", "dataset.std=[1]"),
            "mean",
            "NaN"));
    all.add(config("override: no '='", f -> run(f.okFile(), "foo"), "'foo'"));
    all.add(config("override: unknown plugin", f -> run(f.okFile(), "train=nope"), "'nope'"));
    all.add(config("override: unknown group", f -> run(f.okFile(), "trian.x=1"), "'trian'"));
    all.add(config("sweep without values", f -> run(f.okFile(), "-m", "model.hidden"), "-m"));
    all.add(config("empty seed list", f -> run(f.okFile(), "seeds=[]"), "seeds"));
    // data files
    all.add(data("IDX truncated (raw)", f -> f.idx("truncated"), "truncated"));
    all.add(data("IDX truncated (gzip)", f -> f.idx("truncated.gz"), "truncated gzip"));
    all.add(data("IDX corrupt (gzip)", f -> f.idx("corrupt.gz"), "corrupt gzip"));
    all.add(data("IDX wrong magic", f -> f.idx("magic"), "magic", "0x00001234"));
    all.add(
        data("IDX labels given as images", f -> f.idx("train-labels"), "train-labels", "magic"));
    all.add(
        data(
            "IDX label out of range",
            f -> f.idxLabels("labels-out-of-range", "classes: 4"),
            "label 77"));
    all.add(
        data(
            "IDX label and image counts differ",
            f -> f.idxLabels("labels-short", "classes: 4"),
            "30",
            "40"));
    all.add(data("IDX file missing", f -> f.idx("missing"), "missing"));
    all.add(data("IDX a directory", f -> f.idx("a-directory"), "a-directory", "directory"));
    all.add(
        data(
            "validation leaves no training image",
            f -> run(f.okFile(), "dataset.validation=1000"),
            "1000"));
    all.add(data("CIFAR binary truncated", f -> run(f.cifar()), "data_batch_1.bin", "9221"));
    // saved networks, imported models
    all.add(network("network.json truncated", "json-truncated", "network.json", "JSON"));
    all.add(network("NaN weight", "nan", "'fc1'", "NaN"));
    all.add(network("tensor file truncated", "npy-truncated", "fc1.weight.npy", "truncated"));
    all.add(network("tensor file missing", "npy-missing", "output.weight.npy", "missing"));
    all.add(network("input shape differs", "shape", "'fc1'", "64"));
    all.add(network("class count differs", "classes", "4 outputs", "6 classes"));
    all.add(network("checkpoint path missing", "nope", "nope"));
    all.add(
        data(
            "onnx trainer, corrupt file",
            f -> run(f.trainer("onnx", "junk.onnx")),
            "junk.onnx",
            "not an ONNX model"));
    all.add(
        data(
            "pytorch trainer, corrupt zip",
            f -> run(f.trainer("pytorch", "junk.pt")),
            "junk.pt",
            "zip"));
    all.add(
        data(
            "pytorch trainer, text file",
            f -> run(f.trainer("pytorch", "text.pt")),
            "text.pt",
            "PyTorch"));
    all.add(
        config(
            "import: corrupt ONNX",
            f -> new String[] {"import", f.file("junk.onnx"), "--out", f.file("imported")},
            "junk.onnx",
            "not an ONNX model"));
    all.add(
        config(
            "import: missing file",
            f -> new String[] {"import", f.file("nope.onnx"), "--out", f.file("imported")},
            "nope.onnx"));
    all.add(
        config(
            "import: unknown kind of file",
            f -> new String[] {"import", f.file("junk.pt"), "--out", f.file("imported")},
            "junk.pt"));
    all.add(
        config(
            "import: --out exists",
            f -> new String[] {"import", f.file("junk.onnx"), "--out", f.file("a-directory")},
            "a-directory"));
    // results folder and resume
    all.add(
        config(
            "--results-dir is a file",
            f ->
                new String[] {
                  "run", f.okFile(), "--results-dir", f.file("junk.onnx"),
                },
            "junk.onnx",
            "not a directory"));
    all.add(
        config(
            "--resume of a folder that is no run",
            f -> run(f.okFile(), "--resume", f.file("a-directory")),
            "a-directory"));
    all.add(
        new Case(
            "a stage fails while computing",
            f -> run(f.failing()),
            List.of("failing on purpose"),
            After.FAILED_RUN));
    all.add(
        config(
            "diff of missing runs",
            f -> new String[] {"diff", f.file("nope1"), f.file("nope2")},
            "nope1"));
    return all;
  }

  private static Case config(String name, Function<Fixtures, String[]> args, String... mustName) {
    return new Case(name, args, List.of(mustName), After.NO_RUN_FOLDER);
  }

  private static Case data(String name, Function<Fixtures, String[]> args, String... mustName) {
    return new Case(name, args, List.of(mustName), After.NO_RUN_FOLDER);
  }

  private static Case network(String name, String variant, String... mustName) {
    return new Case(name, f -> run(f.checkpoint(variant)), List.of(mustName), After.NO_RUN_FOLDER);
  }

  private static String[] run(String file, String... more) {
    List<String> args =
        new ArrayList<>(List.of("run", file, "--results-dir", dir.resolve("results").toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static byte[] binary() {
    byte[] b = new byte[1024];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  /** Relative path (with '/') to a digest of its bytes, for every file under {@code root}. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            root.relativize(p).toString().replace('\\', '/'),
            java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(p))));
      }
    }
    return files;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Run folders ({@code runs/<experiment>/<run>}) holding files after but not before. */
  private static List<String> newRunFolders(Map<String, String> before, Map<String, String> after) {
    return new ArrayList<>(
        runFolders(after).stream().filter(r -> !runFolders(before).contains(r)).toList());
  }

  private static TreeSet<String> runFolders(Map<String, String> files) {
    TreeSet<String> runs = new TreeSet<>();
    for (String f : files.keySet()) {
      String[] parts = f.split("/");
      if (parts.length > 3 && parts[0].equals("runs")) {
        runs.add(parts[0] + "/" + parts[1] + "/" + parts[2]);
      }
    }
    return runs;
  }

  /**
   * The files the cases use: small IDX data and broken variants, a CIFAR folder, junk model files,
   * and a completed run (the results that must stay untouched) whose network the checkpoint cases
   * break in several ways.
   */
  private record Fixtures(Path dir, Path results, Path network) {

    static final int IMAGES = 40;
    static final int SIDE = 8;

    static Fixtures create(Path dir) throws IOException {
      Path data = Files.createDirectories(dir.resolve("data"));
      byte[] images = idxImages(IMAGES);
      byte[] labels = idxLabels(IMAGES, -1);
      Files.write(data.resolve("train-images"), images);
      Files.write(data.resolve("train-labels"), labels);
      Files.write(data.resolve("test-images"), idxImages(20));
      Files.write(data.resolve("test-labels"), idxLabels(20, -1));
      Files.write(data.resolve("truncated"), java.util.Arrays.copyOf(images, 200));
      byte[] gz = gzip(images);
      Files.write(data.resolve("truncated.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
      byte[] corrupt = gz.clone();
      corrupt[corrupt.length - 6] ^= (byte) 0xff; // the CRC-32 in the trailer
      Files.write(data.resolve("corrupt.gz"), corrupt);
      byte[] magic = images.clone();
      magic[2] = 0x12;
      magic[3] = 0x34;
      Files.write(data.resolve("magic"), magic);
      Files.write(data.resolve("labels-out-of-range"), idxLabels(IMAGES, 77));
      Files.write(data.resolve("labels-short"), idxLabels(30, -1));
      Files.createDirectories(data.resolve("a-directory"));

      Path cifar = Files.createDirectories(dir.resolve("cifar/cifar-10-batches-bin"));
      for (String f :
          List.of(
              "data_batch_1.bin",
              "data_batch_2.bin",
              "data_batch_3.bin",
              "data_batch_4.bin",
              "data_batch_5.bin",
              "test_batch.bin")) {
        Files.write(cifar.resolve(f), new byte[3073 * 3 + 2]);
      }
      Files.write(
          dir.resolve("junk.onnx"), "\b\u0007garbage".repeat(50).getBytes(StandardCharsets.UTF_8));
      Files.write(
          dir.resolve("junk.pt"),
          "PK\u0003\u0004garbage".repeat(50).getBytes(StandardCharsets.UTF_8));
      Files.writeString(dir.resolve("text.pt"), "hello");
      Files.createDirectories(dir.resolve("a-directory"));

      Path results = dir.resolve("results");
      Fixtures f = new Fixtures(dir, results, null);
      CliRun baseline = new CliRun();
      int code = baseline.run(run(f.okFile()));
      assertEquals(0, code, "the baseline run: " + baseline.err());
      Path network;
      try (Stream<Path> runs = Files.list(results.resolve("runs/suite"))) {
        network = runs.findFirst().orElseThrow().resolve("jobs/0/network");
      }
      f = new Fixtures(dir, results, network);
      f.brokenNetworks();
      return f;
    }

    /** The experiment every case starts from: IDX data, an MLP, random features. */
    String ok() {
      return """
          name: suite
          seed: 1
          defaults: {dataset: idx, model: mlp, train: random-features, evaluate: [ann-accuracy]}
          model: {hidden: [8]}
          dataset: {trainImages: '%s', trainLabels: '%s', testImages: '%s', testLabels: '%s'}
          """
          .formatted(
              data("train-images"), data("train-labels"), data("test-images"), data("test-labels"));
    }

    String okFile() {
      return yaml("ok.yaml", ok());
    }

    String[] idx(String trainImages) {
      return run(
          yaml(trainImages + ".yaml", ok().replace(data("train-images"), data(trainImages))));
    }

    String[] idxLabels(String trainLabels, String extra) {
      String text =
          ok().replace(data("train-labels"), data(trainLabels))
              .replace("'}\n", "', " + extra + "}\n");
      return run(yaml(trainLabels + ".yaml", text));
    }

    String cifar() {
      return yaml(
          "cifar.yaml",
          ok().replace("dataset: idx", "dataset: cifar10")
              .replaceAll(
                  "dataset: \\{trainImages.*", "dataset: {root: '" + dir.resolve("cifar") + "'}"));
    }

    /**
     * The test-only metric that fails while its trigger file exists, after the run folder exists.
     */
    String failing() {
      String trigger = bytes("fail-while-this-exists", new byte[0]);
      return yaml(
          "failing.yaml",
          ok().replace("[ann-accuracy]", "[ann-accuracy, test-failing]")
              + "evaluate: {test-failing: {failWhile: '"
              + trigger
              + "'}}\n");
    }

    String trainer(String plugin, String file) {
      return yaml(
          plugin + "-" + file + ".yaml",
          ok().replace("random-features", plugin) + "train: {path: '" + file(file) + "'}\n");
    }

    String checkpoint(String variant) {
      String text =
          ok().replace("random-features", "checkpoint")
              .replace("model: mlp, ", "")
              .replace("model: {hidden: [8]}\n", "");
      if (variant.equals("classes")) {
        text = text.replace("'}\n", "', classes: 6}\n"); // the dataset's mapping
      }
      text += "train: {path: '" + file("net-" + variant) + "'}\n";
      return yaml("checkpoint-" + variant + ".yaml", text);
    }

    String data(String name) {
      return dir.resolve("data").resolve(name).toString();
    }

    String file(String name) {
      return dir.resolve(name).toString();
    }

    String yaml(String name, String text) {
      return bytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    String bytes(String name, byte[] content) {
      try {
        return Files.write(dir.resolve(name), content).toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Copies of the baseline's saved network, each broken in one way. */
    void brokenNetworks() throws IOException {
      for (String v :
          List.of("json-truncated", "nan", "npy-truncated", "npy-missing", "shape", "classes")) {
        copy(network, dir.resolve("net-" + v));
      }
      Path json = dir.resolve("net-json-truncated/network.json");
      Files.write(json, java.util.Arrays.copyOf(Files.readAllBytes(json), 300));
      Path nan = dir.resolve("net-nan/tensors/fc1.weight.npy");
      byte[] npy = Files.readAllBytes(nan);
      int start = npyDataStart(npy);
      ByteBuffer.wrap(npy, start, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN);
      Files.write(nan, npy);
      Path truncated = dir.resolve("net-npy-truncated/tensors/fc1.weight.npy");
      Files.write(truncated, java.util.Arrays.copyOf(npy, start + 10));
      Files.delete(dir.resolve("net-npy-missing/tensors/output.weight.npy"));
      Path shape = dir.resolve("net-shape/network.json");
      String text = Files.readString(shape);
      String moved =
          text.replaceFirst("\"inputShape\" : \\[ 1, 8, 8 \\]", "\"inputShape\" : [ 1, 9, 8 ]");
      assertTrue(!moved.equals(text), "the saved network's input shape is written as expected");
      Files.writeString(shape, moved);
    }

    /** Where a version-1 .npy file's data begins: magic (6), version (2), header length (2). */
    private static int npyDataStart(byte[] npy) {
      int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
      return 10 + headerLength;
    }

    private static void copy(Path from, Path to) throws IOException {
      try (Stream<Path> walk = Files.walk(from)) {
        for (Path p : walk.toList()) {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        }
      }
    }

    private static byte[] idxImages(int count) {
      ByteBuffer b = ByteBuffer.allocate(16 + count * SIDE * SIDE);
      b.putInt(0x803).putInt(count).putInt(SIDE).putInt(SIDE);
      java.util.Random random = new java.util.Random(count);
      while (b.hasRemaining()) {
        b.put((byte) random.nextInt(256));
      }
      return b.array();
    }

    /** Labels 0..3 in turn; the last one is {@code lastLabel} when that is not negative. */
    private static byte[] idxLabels(int count, int lastLabel) {
      ByteBuffer b = ByteBuffer.allocate(8 + count);
      b.putInt(0x801).putInt(count);
      for (int i = 0; i < count; i++) {
        b.put((byte) (i == count - 1 && lastLabel >= 0 ? lastLabel : i % 4));
      }
      return b.array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(bytes);
      }
      return out.toByteArray();
    }
  }
}
