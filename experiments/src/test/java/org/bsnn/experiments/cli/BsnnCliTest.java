package org.bsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.stage.StageKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BsnnCliTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private String originalHome;

  @BeforeEach
  void redirect() {
    originalOut = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    originalHome = System.getProperty("bsnn.home");
    System.setProperty("bsnn.home", dir.toString());
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    if (originalHome == null) {
      System.clearProperty("bsnn.home");
    } else {
      System.setProperty("bsnn.home", originalHome);
    }
  }

  private int run(StringWriter err, String... args) {
    CommandLine cli = BsnnCli.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void badYamlIsOneParagraphWithExitCode2AndNoStackTrace() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "name: x\ndefaults:\n  dataset: test-blobs\n  train: [oops\n");
    StringWriter err = new StringWriter();
    assertEquals(BsnnCli.BAD_INPUT, run(err, "run", file.toString()));
    assertTrue(err.toString().startsWith("error: "), err.toString());
    assertTrue(err.toString().contains("bad.yaml:"), err.toString());
    assertFalse(err.toString().contains("\tat "), "no stack trace without --debug: " + err);
    assertFalse(Files.exists(dir.resolve("results")), "nothing written");
  }

  @Test
  void debugAddsTheStackTrace() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "nme: x\n");
    StringWriter err = new StringWriter();
    assertEquals(BsnnCli.BAD_INPUT, run(err, "--debug", "run", file.toString()));
    assertTrue(err.toString().contains("unknown key 'nme'"), err.toString());
    assertTrue(err.toString().contains("\tat "), err.toString());
  }

  @Test
  void missingFileAndUnknownPluginAreBadInput() throws IOException {
    StringWriter err = new StringWriter();
    assertEquals(BsnnCli.BAD_INPUT, run(err, "run", dir.resolve("nope.yaml").toString()));
    assertTrue(err.toString().contains("experiment file not found"), err.toString());
    StringWriter err2 = new StringWriter();
    assertEquals(BsnnCli.BAD_INPUT, run(err2, "plugins", "--config", "no-such-plugin"));
    assertTrue(err2.toString().contains("no plugin 'no-such-plugin'"), err2.toString());
  }

  @Test
  void pluginsListsEveryProviderWithStageIdVersionAndDescription() {
    assertEquals(0, run(new StringWriter(), "plugins"));
    String out = stdout.toString(StandardCharsets.UTF_8);
    for (PluginProvider<?, ?> p : PluginRegistry.discover().all()) {
      String expected = StageKind.of(p.stage()).group();
      assertTrue(
          out.lines()
              .anyMatch(
                  l ->
                      l.startsWith(expected)
                          && l.contains(" " + p.id() + " ")
                          && l.contains(p.version())
                          && l.contains(p.description())),
          "missing " + p.id() + " in\n" + out);
    }
    assertTrue(out.contains("test-blobs"), "the test module's plugin is discovered");
  }

  @Test
  void pluginConfigShowsKeysDefaultsAndDocs() {
    assertEquals(0, run(new StringWriter(), "plugins", "--config", "time-stepped"));
    String out = stdout.toString(StandardCharsets.UTF_8);
    assertTrue(
        out.contains("timesteps") && out.contains("100") && out.contains("simulation length"), out);
  }

  @Test
  void dryRunValidatesAndWritesNothing() throws IOException {
    Path file = dir.resolve("ok.yaml");
    Files.writeString(file, org.bsnn.experiments.runner.ExperimentRunnerTest.EXPERIMENT);
    assertEquals(0, run(new StringWriter(), "run", "--dry-run", file.toString()));
    assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("2 job(s), all valid"));
    assertFalse(Files.exists(dir.resolve("results")));
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"run", "show", "plugins", "diff", "data"}) {
      assertEquals(0, run(new StringWriter(), command, "--help"), command);
    }
    assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("Usage: bsnn run"));
  }
}
