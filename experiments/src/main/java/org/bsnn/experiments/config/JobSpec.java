package org.bsnn.experiments.config;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.bsnn.api.stage.StageKind;

/**
 * One job of an experiment: a sweep point and a seed, with every stage's selection composed.
 *
 * @param index 0-based job number (its {@code jobs/<n>/} directory)
 * @param variant the sweep point, e.g. "binarize=xnor-bwn;normalize.percentile=99.9", or "base"
 * @param seed the job's seed
 * @param params sweep key to value as written
 * @param stages the selections per stage, in template order; absent groups are skipped
 */
public record JobSpec(
    int index,
    String variant,
    long seed,
    SortedMap<String, String> params,
    Map<StageKind, List<StageSelection>> stages) {

  /** Copies the collections. */
  public JobSpec {
    params = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(params));
    Map<StageKind, List<StageSelection>> copy = new java.util.EnumMap<>(StageKind.class);
    stages.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    stages = java.util.Collections.unmodifiableMap(copy);
  }

  /** The selections of a stage (empty when the group is absent). */
  public List<StageSelection> of(StageKind kind) {
    return stages.getOrDefault(kind, List.of());
  }
}
