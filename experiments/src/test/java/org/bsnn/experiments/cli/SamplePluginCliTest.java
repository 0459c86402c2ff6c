package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.bsnn.api.plugin.PluginLocation;
import org.example.lab.agreement.AgreementProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sample outside plugin (plugins/sample-plugin, metric {@code ann-snn-agreement}) used by
 * {@code bsnn run} both ways: as a module of the build, on this test's class path, in-process; and
 * as an outside jar, in a separate JVM whose class path is the workbench's without the sample, the
 * jar given by {@code BSNN_PLUGIN_PATH} or {@code --plugin-path}. The jar is made here from the
 * module's classes, because {@code mvn test} does not package jars.
 */
class SamplePluginCliTest {

  private static final String EXPERIMENT =
      """
      name: outside-plugin
      seed: 0
      defaults:
        dataset: synthetic-small
        model: mlp
        train: random-features
        normalize: max-activation
        convert: if-neuron
        simulate: time-stepped
        evaluate: [ann-accuracy, ann-snn-agreement]
      model: {hidden: [32]}
      normalize: {samples: 50}
      simulate: {timesteps: 10, batchSize: 100}
      evaluate:
        ann-snn-agreement: {confidence: 0.9, perClass: true}
      """;

  @TempDir Path dir;
  private Path home;
  private String originalHome;

  /**
   * A workbench home of the test's own, with the checkout's option files: the checkout's {@code
   * plugins.d/} may hold a developer's jars, which must not change what these tests see.
   */
  @BeforeEach
  void home() throws IOException {
    home = dir.resolve("home");
    Path conf = root().resolve("experiments").resolve("conf");
    try (Stream<Path> files = Files.walk(conf)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path copy =
            home.resolve("experiments").resolve("conf").resolve(conf.relativize(f).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(f, copy);
      }
    }
    originalHome = System.getProperty("bsnn.home");
    System.setProperty("bsnn.home", home.toString());
  }

  @AfterEach
  void restore() {
    if (originalHome == null) {
      System.clearProperty("bsnn.home");
    } else {
      System.setProperty("bsnn.home", originalHome);
    }
  }

  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("experiments")) && Files.exists(here.resolve("bsnn"))
        ? here
        : here.getParent();
  }

  private Path experiment() throws IOException {
    Path file = dir.resolve("outside-plugin.yaml");
    Files.writeString(file, EXPERIMENT);
    return file;
  }

  private static List<String> agreementRows(Path resultsCsv) throws IOException {
    return Files.readAllLines(resultsCsv).stream()
        .filter(l -> l.contains(",ann-snn-agreement"))
        .toList();
  }

  @Test
  void asAModuleOfTheBuildTheRunnerRunsItInProcess() throws IOException {
    PrintStream originalOut = System.out;
    java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
    int code;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = BsnnCli.commandLine();
      cli.setErr(new PrintWriter(new StringWriter(), true));
      code =
          cli.execute(
              "run", experiment().toString(), "--results-dir", dir.resolve("results").toString());
    } finally {
      System.setOut(originalOut);
    }
    assertEquals(0, code);
    Path csv = Path.of(stdout.toString(StandardCharsets.UTF_8).strip());
    List<String> rows = agreementRows(csv);
    // agreement, its interval, and one row per class of synthetic-small
    assertTrue(
        rows.stream().anyMatch(r -> r.contains(",ann-snn-agreement,")), String.join("\n", rows));
    assertTrue(
        rows.stream().anyMatch(r -> r.contains(",ann-snn-agreement-low,")),
        String.join("\n", rows));
    assertTrue(
        rows.stream().anyMatch(r -> r.contains(",ann-snn-agreement[")), String.join("\n", rows));
    assertTrue(
        Files.readString(csv.resolveSibling("provenance.json")).contains("1.0.0"),
        "the plugin's own version in provenance");
  }

  @Test
  void asAnOutsideJarItIsFoundOnThePluginPathOfASeparateJvm() throws Exception {
    Path jar = sampleJar(dir.resolve("lab"));
    Process.Result run =
        Process.run(
            home,
            List.of(
                "run", experiment().toString(), "--results-dir", dir.resolve("results").toString()),
            Map.of(PluginPath.ENV, jar.toString()));
    assertEquals(0, run.code(), run.toString());
    List<String> out = run.out().lines().toList();
    assertEquals(1, out.size(), "standard output is the results path only: " + run);
    List<String> rows = agreementRows(Path.of(out.get(0)));
    assertTrue(rows.stream().anyMatch(r -> r.contains(",ann-snn-agreement,")), run.toString());
    // quiet by default: the workbench's own lines only, no ND4J start-up banner
    assertFalse(run.err().contains("INFO org.nd4j"), run.err());
    assertFalse(run.err().contains("Backend build information"), run.err());
    assertTrue(run.err().contains("evaluate: ann-snn-agreement"), run.err());

    Process.Result plugins =
        Process.run(home, List.of("plugins", "--plugin-path", jar.toString()), Map.of());
    assertEquals(0, plugins.code(), plugins.toString());
    String line =
        plugins
            .out()
            .lines()
            .filter(l -> l.contains(" ann-snn-agreement "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("ann-snn-agreement not listed:\n" + plugins));
    assertTrue(
        line.startsWith("evaluate")
            && line.contains("1.0.0")
            && line.contains(jar.getFileName().toString()),
        line);
    assertTrue(
        plugins
            .out()
            .lines()
            .anyMatch(l -> l.contains(" ann-accuracy ") && l.contains("built-in:")),
        plugins.out());
    assertTrue(plugins.out().contains(jar + "  (--plugin-path)"), plugins.out());
  }

  @Test
  void withoutThePluginPathTheSeparateJvmDoesNotKnowIt() throws Exception {
    Process.Result plugins =
        Process.run(home, List.of("plugins", "--config", "ann-snn-agreement"), Map.of());
    assertEquals(BsnnCli.BAD_INPUT, plugins.code(), plugins.toString());
    assertTrue(plugins.err().contains("no plugin 'ann-snn-agreement'"), plugins.toString());
  }

  @Test
  void aBrokenPluginJarIsExitCode2NamingTheJar() throws IOException {
    Path broken = dir.resolve("broken-lab-plugin.jar");
    try (OutputStream file = Files.newOutputStream(broken);
        JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new JarEntry("META-INF/services/org.bsnn.api.plugin.PluginProvider"));
      jar.write("org.example.lab.gone.GoneProvider\n".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    StringWriter err = new StringWriter();
    CommandLine cli = BsnnCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    assertEquals(BsnnCli.BAD_INPUT, cli.execute("plugins", "--plugin-path", broken.toString()));
    assertTrue(err.toString().contains(broken.toString()), err.toString());
    assertTrue(err.toString().contains("org.example.lab.gone.GoneProvider"), err.toString());
    assertTrue(err.toString().contains("the class is not in the jar"), err.toString());
    assertFalse(
        err.toString().contains("Exception") || err.toString().contains("\tat "), err.toString());
  }

  @Test
  void aMissingOrNonJarPluginPathEntryIsExitCode2() throws IOException {
    StringWriter err = new StringWriter();
    CommandLine cli = BsnnCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    assertEquals(
        BsnnCli.BAD_INPUT,
        cli.execute("plugins", "--plugin-path", dir.resolve("nope.jar").toString()));
    assertTrue(
        err.toString().contains("nope.jar' (from --plugin-path) does not exist"), err.toString());
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a jar");
    StringWriter err2 = new StringWriter();
    CommandLine cli2 = BsnnCli.commandLine();
    cli2.setErr(new PrintWriter(err2, true));
    assertEquals(BsnnCli.BAD_INPUT, cli2.execute("plugins", "--plugin-path", text.toString()));
    assertTrue(err2.toString().contains("is not a jar"), err2.toString());
  }

  /**
   * The sample plugin as an outside lab ships it: a jar of its classes and services file. Made from
   * the module's class folder (a reactor test run) or copied (a jar from the local repository).
   */
  static Path sampleJar(Path folder) throws IOException {
    Path location = PluginLocation.of(AgreementProvider.class).orElseThrow();
    Files.createDirectories(folder);
    Path jar = folder.resolve("bsnn-sample-plugin-1.0.0.jar");
    if (Files.isRegularFile(location)) {
      return Files.copy(location, jar);
    }
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> walk = Files.walk(location)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(
            new JarEntry(location.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  /**
   * {@code bsnn ARGS} in a JVM of its own: this JVM's java and options, the class path without the
   * sample plugin.
   */
  static final class Process {
    record Result(int code, String out, String err) {
      @Override
      public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
      }
    }

    static Result run(Path home, List<String> args, Map<String, String> env) throws Exception {
      Path sample = PluginLocation.of(AgreementProvider.class).orElseThrow();
      String classPath =
          Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(e -> !Path.of(e).toAbsolutePath().equals(sample.toAbsolutePath()))
              .reduce((a, b) -> a + File.pathSeparator + b)
              .orElseThrow();
      List<String> command = new ArrayList<>();
      command.add(
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      // the test JVM's own options (heap, off-heap limits, JavaCPP cache, native access) minus
      // debugging agents
      ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent"))
          .forEach(command::add);
      command.add("-Dbsnn.home=" + home);
      command.addAll(List.of("-cp", classPath, BsnnCli.class.getName()));
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().remove(PluginPath.ENV);
      pb.environment().putAll(env);
      Path out = Files.createTempFile("bsnn-out", ".txt");
      Path err = Files.createTempFile("bsnn-err", ".txt");
      try {
        java.lang.Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new AssertionError("bsnn " + args + " did not finish in 5 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    }
  }
}
