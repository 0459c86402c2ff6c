package org.bsnn.experiments.runner;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.stage.StageKind;
import org.bsnn.experiments.config.JobSpec;

/**
 * A job ready to run: every plugin resolved and every config valid.
 *
 * @param spec the composed job
 * @param stages resolved stages per kind, in template order
 * @param configHash 12 hex digits of SHA-256 over the experiment name and every stage's plugin and
 *     resolved config (the seed has its own column)
 */
public record ResolvedJob(
    JobSpec spec, Map<StageKind, List<ResolvedStage>> stages, String configHash) {

  /** The single stage of a kind, if selected. */
  public Optional<ResolvedStage> one(StageKind kind) {
    List<ResolvedStage> list = stages.getOrDefault(kind, List.of());
    return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** All stages of a kind (list groups), possibly empty. */
  public List<ResolvedStage> all(StageKind kind) {
    return stages.getOrDefault(kind, List.of());
  }
}
