package org.bsnn.figures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bsnn.api.util.UserFacingException;

/**
 * What a run directory says about where its results came from: {@code provenance.json} (run info,
 * and per job the plugins, versions and dataset checksums) and {@code config.yaml} (description,
 * seeds, sweep). Read for the report's provenance summary; every field is optional in the sense
 * that a missing entry reads as empty, so older run directories still report.
 *
 * @param runDir the run directory
 * @param experiment the experiment's name from config.yaml, empty when unknown
 * @param workbenchVersion workbench version, e.g. 0.1.0-SNAPSHOT
 * @param gitCommit full commit hash, empty when unknown
 * @param gitDirty whether the working tree had uncommitted changes; empty when unknown
 * @param experimentFile the experiment file, relative to the checkout
 * @param experimentSha256 the experiment file's SHA-256
 * @param startedAt ISO-8601 start time
 * @param java the Java runtime
 * @param os the operating system
 * @param overrides command-line overrides
 * @param datasetChecksums file name to SHA-256, over all jobs
 * @param plugins the plugins used, in pipeline order, without repeats
 * @param jobs one entry per job
 * @param description the experiment's description from config.yaml
 * @param seeds the seeds from config.yaml
 * @param sweep the sweep from config.yaml, key to values
 */
public record RunProvenance(
    Path runDir,
    String experiment,
    String workbenchVersion,
    String gitCommit,
    Optional<Boolean> gitDirty,
    String experimentFile,
    String experimentSha256,
    String startedAt,
    String java,
    String os,
    List<String> overrides,
    SortedMap<String, String> datasetChecksums,
    List<PluginUse> plugins,
    List<Job> jobs,
    String description,
    List<String> seeds,
    Map<String, List<String>> sweep) {

  /** The provenance file in a run directory. */
  public static final String PROVENANCE = "provenance.json";

  /** The composed configuration in a run directory. */
  public static final String CONFIG = "config.yaml";

  /**
   * One plugin of the pipeline.
   *
   * @param stage the YAML group, e.g. normalize
   * @param plugin the plugin id
   * @param version the plugin version
   */
  public record PluginUse(String stage, String plugin, String version) {}

  /**
   * One job of the run.
   *
   * @param variant the sweep point
   * @param seed the seed
   * @param dataset the dataset plugin id, empty when absent
   * @param model the model plugin id, empty when absent
   * @param binarizer the binarize plugin id, empty when the job did not binarize
   * @param settings every stage's plugin and resolved config, flattened: {@code "normalize"} to the
   *     plugin id, {@code "normalize.percentile"} to {@code "99.9"}; list groups as {@code
   *     "optimize.early-exit"} to the plugin id and {@code "optimize.early-exit.threshold"} to its
   *     value; values as JSON text (lists as {@code [0.5,1.0]})
   */
  public record Job(
      String variant,
      long seed,
      String dataset,
      String model,
      String binarizer,
      SortedMap<String, String> settings) {
    /** Copies the settings. */
    public Job {
      settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    }

    /** A job whose settings are not recorded. */
    public Job(String variant, long seed, String dataset, String model, String binarizer) {
      this(variant, seed, dataset, model, binarizer, new TreeMap<>());
    }
  }

  /** The groups that take a list of options; their settings are keyed by option too. */
  private static final Set<String> LIST_GROUPS = Set.of("optimize", "evaluate", "hardware");

  /**
   * Reads the provenance of a run directory; empty when it has no provenance.json.
   *
   * @throws UserFacingException when provenance.json or config.yaml exists but is not readable
   */
  public static Optional<RunProvenance> read(Path runDir) {
    Path prov = runDir.resolve(PROVENANCE);
    if (!Files.isRegularFile(prov)) {
      return Optional.empty();
    }
    JsonNode root = parse(new ObjectMapper(), prov);
    JsonNode run = root.path("run");
    List<String> overrides = new ArrayList<>();
    run.path("overrides").forEach(o -> overrides.add(o.asText()));
    SortedMap<String, String> checksums = new TreeMap<>();
    Map<String, PluginUse> plugins = new LinkedHashMap<>();
    List<Job> jobs = new ArrayList<>();
    for (JsonNode job : root.path("jobs")) {
      job.path("datasetChecksums")
          .fields()
          .forEachRemaining(e -> checksums.put(e.getKey(), e.getValue().asText()));
      String dataset = "";
      String model = "";
      String binarizer = "";
      SortedMap<String, String> settings = new TreeMap<>();
      for (JsonNode stage : job.path("stages")) {
        PluginUse use =
            new PluginUse(
                stage.path("stage").asText(),
                stage.path("plugin").asText(),
                stage.path("version").asText());
        String prefix =
            LIST_GROUPS.contains(use.stage()) ? use.stage() + "." + use.plugin() : use.stage();
        // A list group's plugin gets its own key too, so a plugin without config (same-step) still
        // shows.
        settings.put(prefix, use.plugin());
        stage
            .path("config")
            .fields()
            .forEachRemaining(
                e ->
                    settings.put(
                        prefix + "." + e.getKey(),
                        e.getValue().isValueNode()
                            ? e.getValue().asText()
                            : e.getValue().toString()));
        plugins.putIfAbsent(use.stage() + "|" + use.plugin() + "|" + use.version(), use);
        switch (use.stage()) {
          case "dataset":
            dataset = use.plugin();
            break;
          case "model":
            model = use.plugin();
            break;
          case "binarize":
            binarizer = use.plugin();
            break;
          default:
            break;
        }
      }
      jobs.add(
          new Job(
              job.path("variant").asText(),
              job.path("seed").asLong(),
              dataset,
              model,
              binarizer,
              settings));
    }
    String description = "";
    String name = "";
    List<String> seeds = new ArrayList<>();
    Map<String, List<String>> sweep = new LinkedHashMap<>();
    Path config = runDir.resolve(CONFIG);
    if (Files.isRegularFile(config)) {
      JsonNode c = parse(new YAMLMapper(), config);
      description = c.path("description").asText("");
      name = c.path("name").asText("");
      c.path("seeds").forEach(s -> seeds.add(s.asText()));
      c.path("sweep")
          .fields()
          .forEachRemaining(
              e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                sweep.put(e.getKey(), values);
              });
    }
    Optional<Boolean> dirty =
        run.has("gitDirty") && run.get("gitDirty").isBoolean()
            ? Optional.of(run.get("gitDirty").asBoolean())
            : Optional.empty();
    return Optional.of(
        new RunProvenance(
            runDir,
            name,
            run.path("workbenchVersion").asText(""),
            run.path("gitCommit").asText(""),
            dirty,
            run.path("experimentFile").asText(""),
            run.path("experimentSha256").asText(""),
            run.path("startedAt").asText(""),
            run.path("java").asText(""),
            run.path("os").asText(""),
            List.copyOf(overrides),
            checksums,
            List.copyOf(plugins.values()),
            List.copyOf(jobs),
            description,
            List.copyOf(seeds),
            sweep));
  }

  private static JsonNode parse(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot read " + file + ": " + e.getMessage() + "; is the run directory complete?", e);
    }
  }

  /** The job of a variant and seed, if recorded. */
  public Optional<Job> job(String variant, long seed) {
    return jobs.stream().filter(j -> j.variant().equals(variant) && j.seed() == seed).findFirst();
  }
}
