package org.bsnn.experiments.runner;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bsnn.api.config.ConfigBinder;
import org.bsnn.api.config.ConfigException;
import org.bsnn.api.plugin.PluginProvider;
import org.bsnn.api.plugin.PluginRegistry;
import org.bsnn.api.stage.StageKind;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.experiments.config.ComposedExperiment;
import org.bsnn.experiments.config.JobSpec;
import org.bsnn.experiments.config.StageSelection;

/**
 * Resolves every job's plugins and binds every config before any computation, so a typo in the last
 * sweep point fails in a second rather than after hours of training. All problems are reported
 * together.
 */
public final class ExperimentValidator {

  private final PluginRegistry registry;

  /** A validator resolving plugins from {@code registry}. */
  public ExperimentValidator(PluginRegistry registry) {
    this.registry = registry;
  }

  /**
   * Resolves all jobs.
   *
   * @throws ConfigException listing every problem found, one per paragraph
   */
  public List<ResolvedJob> validate(ComposedExperiment experiment) {
    Set<String> problems = new LinkedHashSet<>();
    List<ResolvedJob> jobs = new ArrayList<>();
    for (JobSpec spec : experiment.jobs()) {
      Map<StageKind, List<ResolvedStage>> stages = new EnumMap<>(StageKind.class);
      for (StageKind kind : StageKind.values()) {
        List<ResolvedStage> resolved = new ArrayList<>();
        for (StageSelection sel : spec.of(kind)) {
          try {
            resolved.add(resolve(sel));
          } catch (UserFacingException e) {
            problems.add(e.getMessage());
          }
        }
        if (!resolved.isEmpty()) {
          stages.put(kind, resolved);
        }
      }
      problems.addAll(templateProblems(spec));
      if (problems.isEmpty()) {
        jobs.add(new ResolvedJob(spec, stages, configHash(experiment.name(), stages)));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("\n", problems));
    }
    return jobs;
  }

  private ResolvedStage resolve(StageSelection sel) {
    PluginProvider<?, ?> provider;
    try {
      provider = registry.get(sel.kind(), sel.plugin());
    } catch (UserFacingException e) {
      throw new ConfigException(sel.selectedAt() + ": " + e.getMessage());
    }
    Record config = bind(provider, sel);
    return new ResolvedStage(sel.kind(), sel.option(), provider, config);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Record bind(PluginProvider provider, StageSelection sel) {
    return ConfigBinder.bind(
        sel.label(), provider.configType(), (Record) provider.defaults(), sel.entries());
  }

  private static List<String> templateProblems(JobSpec spec) {
    List<String> problems = new ArrayList<>();
    for (StageKind kind : StageKind.values()) {
      if (kind.required() && spec.of(kind).isEmpty()) {
        problems.add(
            "job "
                + spec.index()
                + " ("
                + spec.variant()
                + "): no "
                + kind.group()
                + " plugin selected; add '"
                + kind.group()
                + ": <option>' under defaults");
      }
    }
    boolean convert = !spec.of(StageKind.CONVERT).isEmpty();
    boolean simulate = !spec.of(StageKind.SIMULATE).isEmpty();
    if (convert != simulate) {
      problems.add(
          "job "
              + spec.index()
              + " ("
              + spec.variant()
              + "): 'convert' and 'simulate' go together; "
              + (convert ? "add a simulate option" : "add a convert option")
              + " or remove the other");
    }
    for (StageKind snnOnly : List.of(StageKind.NORMALIZE, StageKind.OPTIMIZE)) {
      if (!convert && !spec.of(snnOnly).isEmpty()) {
        problems.add(
            "job "
                + spec.index()
                + " ("
                + spec.variant()
                + "): '"
                + snnOnly.group()
                + "' needs a spiking network; add convert and simulate options or remove it");
      }
    }
    return problems;
  }

  /** The config hash: experiment name plus every stage's plugin id and resolved config. */
  static String configHash(String experiment, Map<StageKind, List<ResolvedStage>> stages) {
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("experiment", experiment);
    stages.forEach(
        (kind, list) ->
            canonical.put(
                kind.group(),
                list.stream()
                    .map(s -> Map.of("plugin", s.provider().id(), "config", s.configMap()))
                    .toList()));
    return Hashing.shortHash(canonical);
  }
}
