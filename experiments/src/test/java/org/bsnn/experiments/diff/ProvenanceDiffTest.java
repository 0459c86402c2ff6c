package org.bsnn.experiments.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bsnn.api.results.JobProvenance;
import org.bsnn.api.results.RunInfo;
import org.bsnn.api.results.StageProvenance;
import org.bsnn.api.util.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceDiffTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static RunInfo run(
      String commit, String startedAt, String runDirectory, Map<String, String> env) {
    return new RunInfo(
        "0.1.0-SNAPSHOT",
        commit,
        false,
        "17.0.15 Debian",
        "Linux 6.1 amd64",
        "experiments/fig3.yaml",
        "e3b0c442",
        List.of("simulation.timesteps=100"),
        startedAt,
        runDirectory,
        env);
  }

  static JobProvenance job(double percentile) {
    List<StageProvenance> stages =
        List.of(
            new StageProvenance("dataset", "mnist", "1.0", Map.of("subset", 1000), Map.of()),
            new StageProvenance(
                "training", "dl4j-mlp", "1.0", Map.of("epochs", 3, "lr", 0.001), Map.of()),
            new StageProvenance("binarization", "xnor-bwn", "1.0", Map.of(), Map.of()),
            new StageProvenance(
                "normalization",
                "data-based",
                "1.0",
                Map.of("percentile", percentile),
                Map.of("lambda", List.of(1.5, 2.5))));
    return new JobProvenance(
        0,
        "base",
        42,
        Map.of(),
        "cfg",
        "run",
        Map.of("mnist/train-images.idx3-ubyte", "abc"),
        stages);
  }

  /** Writes a provenance.json the way the runner does: {"run": ..., "jobs": [...]}. */
  static Path write(Path file, RunInfo run, List<JobProvenance> jobs) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("run", run);
    doc.put("jobs", jobs);
    Files.createDirectories(file.getParent());
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), doc);
    return file;
  }

  private Path file(String name, RunInfo run, JobProvenance... jobs) throws IOException {
    return write(dir.resolve(name), run, List.of(jobs));
  }

  private static List<String> paths(List<ProvenanceDiff.PathDifference> diffs) {
    return diffs.stream().map(ProvenanceDiff.PathDifference::path).collect(Collectors.toList());
  }

  @Test
  void detailKeysWrittenUnderAnEarlierNameCompareAsTheCurrentName() throws IOException {
    JsonNode before =
        JSON.readTree(
            "{\"jobs\": [{\"stages\": [{\"details\": "
                + "{\"trainImages\": 60000, \"lambdas\": {\"relu1\": 2.5}}, \"config\": {\"lambdas\": 1}}]}]}");
    JsonNode after =
        JSON.readTree(
            "{\"jobs\": [{\"stages\": [{\"details\": "
                + "{\"trainingImages\": 60000, \"lambda\": {\"relu1\": 2.5}}, \"config\": {\"lambdas\": 1}}]}]}");
    assertEquals(List.of(), ProvenanceDiff.compare(before, after, Set.of()));
    assertEquals(
        Set.of(
            "jobs[0].stages[0].details.trainingImages",
            "jobs[0].stages[0].details.lambda.relu1",
            "jobs[0].stages[0].config.lambdas"),
        ProvenanceDiff.flatten(before).keySet(),
        "only detail keys are renamed");
    JsonNode changed =
        JSON.readTree(
            "{\"jobs\": [{\"stages\": [{\"details\": "
                + "{\"trainingImages\": 50000, \"lambda\": {\"relu1\": 2.5}}, \"config\": {\"lambdas\": 1}}]}]}");
    assertEquals(
        List.of(
            new ProvenanceDiff.PathDifference(
                "jobs[0].stages[0].details.trainingImages",
                Optional.of("60000"),
                Optional.of("50000"))),
        ProvenanceDiff.compare(before, changed, Set.of()));
  }

  @Test
  void identicalRunsDifferOnlyInIgnoredPaths() throws IOException {
    Path a =
        file(
            "a.json",
            run("abc", "2025-01-01T00:00:00Z", "fig3/2025-01-01T00-00-00_abc1234", Map.of()),
            job(99.9));
    Path b =
        file(
            "b.json",
            run("abc", "2025-02-02T10:00:00Z", "fig3/2025-02-02T10-00-00_abc1234", Map.of()),
            job(99.9));
    assertEquals(List.of(), ProvenanceDiff.compare(a, b));
    assertTrue(
        ProvenanceDiff.IGNORED_BY_DEFAULT.containsAll(Set.of("run.startedAt", "run.runDirectory")));
  }

  @Test
  void changedConfigValueAndCommitAreReportedByPath() throws IOException {
    Path a = file("a.json", run("abc", "t1", "d1", Map.of()), job(99.9));
    Path b = file("b.json", run("def", "t2", "d2", Map.of()), job(99.99));
    List<ProvenanceDiff.PathDifference> diffs = ProvenanceDiff.compare(a, b);
    assertEquals(
        List.of(
            new ProvenanceDiff.PathDifference(
                "jobs[0].stages[3].config.percentile", Optional.of("99.9"), Optional.of("99.99")),
            new ProvenanceDiff.PathDifference(
                "run.gitCommit", Optional.of("\"abc\""), Optional.of("\"def\""))),
        diffs);
  }

  @Test
  void pathsOnOneSideOnlyAreReportedWithAnEmptySide() throws IOException {
    Path a = file("a.json", run("abc", "t1", "d1", Map.of()), job(99.9));
    Path b =
        file(
            "b.json",
            run("abc", "t1", "d1", Map.of("nd4j.backend", "CPU", "threads", "1")),
            job(99.9));
    List<ProvenanceDiff.PathDifference> diffs = ProvenanceDiff.compare(a, b);
    assertEquals(
        List.of(
            new ProvenanceDiff.PathDifference(
                "run.environment", Optional.of("{}"), Optional.empty()),
            new ProvenanceDiff.PathDifference(
                "run.environment.threads", Optional.empty(), Optional.of("\"1\"")),
            new ProvenanceDiff.PathDifference(
                "run.environment[\"nd4j.backend\"]", Optional.empty(), Optional.of("\"CPU\""))),
        diffs);
  }

  @Test
  void extraJobsAndStagesShowUp() throws IOException {
    Path a = file("a.json", run("abc", "t1", "d1", Map.of()), job(99.9));
    Path b = file("b.json", run("abc", "t1", "d1", Map.of()), job(99.9), job(99.9));
    List<String> p = paths(ProvenanceDiff.compare(a, b));
    assertTrue(p.contains("jobs[1].stages[3].config.percentile"), p.toString());
    assertTrue(
        p.contains("jobs[1].datasetChecksums[\"mnist/train-images.idx3-ubyte\"]"), p.toString());
    assertTrue(p.stream().allMatch(s -> s.startsWith("jobs[1]")), p.toString());
  }

  @Test
  void flattenNamesLeavesWithDottedPathsInNaturalOrder() throws IOException {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      values.add(i);
    }
    JsonNode doc =
        JSON.readTree(
            JSON.writeValueAsString(
                Map.of(
                    "run",
                    Map.of("gitDirty", false, "notes", List.of()),
                    "jobs",
                    values,
                    "x",
                    new TreeMap<>(Map.of("a.b", 1, "q\"k", "v", "null", "n")))));
    Map<String, JsonNode> flat = ProvenanceDiff.flatten(doc);
    List<String> jobs =
        flat.keySet().stream().filter(k -> k.startsWith("jobs")).collect(Collectors.toList());
    assertEquals("jobs[0]", jobs.get(0));
    assertEquals("jobs[2]", jobs.get(2));
    assertEquals("jobs[10]", jobs.get(10));
    assertEquals("false", flat.get("run.gitDirty").toString());
    assertEquals("[]", flat.get("run.notes").toString());
    assertEquals("1", flat.get("x[\"a.b\"]").toString());
    assertEquals("\"v\"", flat.get("x[\"q\\\"k\"]").toString());
    assertEquals("\"n\"", flat.get("x.null").toString());
  }

  @Test
  void customIgnoredPathsCoverEverythingBelowThem() throws IOException {
    JsonNode a =
        JSON.valueToTree(Map.of("run", run("abc", "t1", "d1", Map.of()), "jobs", List.of(job(1))));
    JsonNode b =
        JSON.valueToTree(Map.of("run", run("def", "t1", "d1", Map.of()), "jobs", List.of(job(2))));
    assertEquals(
        List.of("jobs[0].stages[3].config.percentile", "run.gitCommit"),
        paths(ProvenanceDiff.compare(a, b, Set.of())));
    assertEquals(List.of("run.gitCommit"), paths(ProvenanceDiff.compare(a, b, Set.of("jobs"))));
    assertEquals(List.of(), paths(ProvenanceDiff.compare(a, b, Set.of("jobs[0]", "run"))));
  }

  @Test
  void typeChangeIsADifference() throws IOException {
    JsonNode a = JSON.readTree("{\"run\": {\"x\": 1}}");
    JsonNode b = JSON.readTree("{\"run\": {\"x\": \"1\"}}");
    assertEquals(
        List.of(new ProvenanceDiff.PathDifference("run.x", Optional.of("1"), Optional.of("\"1\""))),
        ProvenanceDiff.compare(a, b, Set.of()));
  }

  @Test
  void missingFileIsAUserFacingError() {
    Path missing = dir.resolve("nope/provenance.json");
    UserFacingException e =
        assertThrows(UserFacingException.class, () -> ProvenanceDiff.read(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void malformedJsonNamesFileAndLine() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("provenance.json"), "{\n  \"run\": {\n    \"x\": 1,,\n  }\n}\n");
    UserFacingException e = assertThrows(UserFacingException.class, () -> ProvenanceDiff.read(bad));
    assertTrue(e.getMessage().contains("provenance.json line 3"), e.getMessage());
  }

  @Test
  void nonObjectDocumentIsRejected() throws IOException {
    for (String text : new String[] {"[1, 2]", "", "42"}) {
      Path bad = Files.writeString(dir.resolve("p.json"), text);
      UserFacingException e =
          assertThrows(UserFacingException.class, () -> ProvenanceDiff.read(bad));
      assertTrue(e.getMessage().contains("p.json"), e.getMessage());
    }
  }
}
