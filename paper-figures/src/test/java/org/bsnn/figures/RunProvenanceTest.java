package org.bsnn.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunProvenanceTest {

  @TempDir Path tmp;

  @Test
  void readsARealRunDirectory() {
    RunProvenance p = RunProvenance.read(RealRuns.fashionMnistDir()).get();
    assertEquals("fashion-mnist-mlp", p.experiment());
    assertEquals("fa3ff31efeb771c65f7826c6fdbf447dd5e9fceb", p.gitCommit());
    assertEquals(false, p.gitDirty().get());
    assertEquals("experiments/quick/fashion-mnist-mlp.yaml", p.experimentFile());
    assertEquals(4, p.datasetChecksums().size());
    assertEquals(List.of("0"), p.seeds());
    assertEquals(List.of("none", "xnor-bwn"), p.sweep().get("binarize"));
    assertEquals(2, p.jobs().size());
    RunProvenance.Job bin = p.job("binarize=xnor-bwn", 0).get();
    assertEquals("fashion-mnist", bin.dataset());
    assertEquals("mlp", bin.model());
    assertEquals("xnor-bwn", bin.binarizer());
    assertEquals("", p.job("binarize=none", 0).get().binarizer());
    assertTrue(
        p.plugins()
            .contains(
                new RunProvenance.PluginUse("normalize", "max-activation", "0.1.0-SNAPSHOT")));
  }

  @Test
  void listGroupPluginsAreSettingsEvenWithoutConfig() throws Exception {
    Files.writeString(
        tmp.resolve("provenance.json"),
        "{\"run\":{},\"jobs\":[{\"variant\":\"v\",\"seed\":0,"
            + "\"stages\":[{\"stage\":\"optimize\",\"plugin\":\"same-step\",\"version\":\"1\",\"config\":{}},"
            + "{\"stage\":\"optimize\",\"plugin\":\"early-exit\",\"version\":\"1\",\"config\":{\"threshold\":25.0}},"
            + "{\"stage\":\"simulate\",\"plugin\":\"time-stepped\",\"version\":\"1\",\"config\":{\"timesteps\":200}}]}]}");
    java.util.SortedMap<String, String> s =
        RunProvenance.read(tmp).get().job("v", 0).get().settings();
    assertEquals("same-step", s.get("optimize.same-step"));
    assertEquals("early-exit", s.get("optimize.early-exit"));
    assertEquals("25.0", s.get("optimize.early-exit.threshold"));
    assertEquals("time-stepped", s.get("simulate"));
    assertEquals("200", s.get("simulate.timesteps"));
  }

  @Test
  void noProvenanceFileIsEmptyAMalformedOneIsAUserError() throws Exception {
    assertTrue(RunProvenance.read(tmp).isEmpty());
    Files.writeString(tmp.resolve("provenance.json"), "{ not json");
    UserFacingException e = assertThrows(UserFacingException.class, () -> RunProvenance.read(tmp));
    assertTrue(e.getMessage().contains("provenance.json"), e.getMessage());
  }
}
