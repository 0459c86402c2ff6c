package org.bsnn.experiments.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bsnn.api.results.JobProvenance;
import org.bsnn.api.results.RunInfo;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.AtomicFiles;
import org.bsnn.experiments.config.ComposedExperiment;

/**
 * Serialises the run directory's descriptive files ({@code config.yaml}, {@code provenance.json})
 * deterministically: sorted keys, no time stamps except where they belong (run info).
 */
public final class RunFiles {

  /** JSON for provenance files: pretty, keys sorted. */
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private RunFiles() {}

  /** The fully resolved configuration of every job, as written to {@code config.yaml}. */
  public static String configYaml(ComposedExperiment experiment, List<ResolvedJob> jobs) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", experiment.name());
    if (!experiment.description().isEmpty()) {
      root.put("description", experiment.description());
    }
    root.put("seeds", experiment.seeds());
    if (!experiment.sweep().isEmpty()) {
      root.put("sweep", experiment.sweep());
    }
    root.put("jobs", jobs.stream().map(RunFiles::jobMap).toList());
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> jobMap(ResolvedJob job) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", job.spec().index());
    m.put("variant", job.spec().variant());
    m.put("seed", job.spec().seed());
    m.put("configHash", job.configHash());
    if (!job.spec().params().isEmpty()) {
      m.put("params", job.spec().params());
    }
    Map<String, Object> stages = new LinkedHashMap<>();
    for (StageKind kind : StageKind.values()) {
      List<Map<String, Object>> list =
          job.all(kind).stream()
              .map(
                  s -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("option", s.option());
                    entry.put("plugin", s.provider().id());
                    entry.put("config", s.configMap());
                    return entry;
                  })
              .toList();
      if (!list.isEmpty()) {
        stages.put(
            kind.group(), kind.multiplicity() == StageKind.Multiplicity.ONE ? list.get(0) : list);
      }
    }
    m.put("stages", stages);
    return m;
  }

  /** Writes {@code provenance.json} for the run. */
  public static void writeProvenance(Path file, RunInfo run, List<JobProvenance> jobs) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("run", run);
    root.put("jobs", jobs);
    AtomicFiles.write(file, out -> JSON.writeValue(out, root));
  }

  /** Writes one job's provenance. */
  public static void writeJobProvenance(Path file, JobProvenance job) {
    AtomicFiles.write(file, out -> JSON.writeValue(out, job));
  }

  /** Reads one job's provenance (for resumed runs). */
  public static JobProvenance readJobProvenance(Path file) throws IOException {
    return JSON.readValue(file.toFile(), JobProvenance.class);
  }
}
