package org.bsnn.api.results;

import java.util.List;
import java.util.Map;

/**
 * The provenance of one job (one sweep point and seed).
 *
 * @param index job number, the name of its {@code jobs/<n>/} directory
 * @param variant sweep point label, as in the CSV
 * @param seed the job's seed
 * @param params sweep parameters
 * @param configHash hash of the resolved config, as in the CSV
 * @param runId content hash, as in the CSV
 * @param datasetChecksums SHA-256 of every data file used
 * @param stages one entry per stage that ran, in template order
 */
public record JobProvenance(
    int index,
    String variant,
    long seed,
    Map<String, String> params,
    String configHash,
    String runId,
    Map<String, String> datasetChecksums,
    List<StageProvenance> stages) {
  /** Copies and sorts collections. */
  public JobProvenance {
    params = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(params));
    datasetChecksums =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(datasetChecksums));
    stages = List.copyOf(stages);
  }
}
