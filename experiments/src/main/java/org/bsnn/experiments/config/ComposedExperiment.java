package org.bsnn.experiments.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An experiment after composition: its name and every job, ready for validation.
 *
 * @param name experiment name (run directories and the {@code experiment} CSV column)
 * @param description free text from the file
 * @param file the experiment file
 * @param overrides command-line overrides, in order, as given
 * @param sweep sweep axes (key to values as written), in expansion order
 * @param seeds the seeds every sweep point runs with
 * @param jobs all jobs: sweep points times seeds
 */
public record ComposedExperiment(
    String name,
    String description,
    Path file,
    List<String> overrides,
    Map<String, List<String>> sweep,
    List<Long> seeds,
    List<JobSpec> jobs) {

  /** Copies the collections. */
  public ComposedExperiment {
    overrides = List.copyOf(overrides);
    sweep = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sweep));
    seeds = List.copyOf(seeds);
    jobs = List.copyOf(jobs);
  }
}
