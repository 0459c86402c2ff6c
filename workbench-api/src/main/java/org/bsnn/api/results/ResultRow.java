package org.bsnn.api.results;

import java.util.Comparator;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One row of the long-format {@code results.csv}.
 *
 * @param experiment the experiment's name
 * @param variant the sweep point, e.g. "binarize=xnor-bwn", or "base" without a sweep
 * @param seed the job's seed
 * @param stage the YAML group that produced the measurement
 * @param metric the metric name
 * @param timestep 1-based timestep for series rows, empty for scalars
 * @param value the value
 * @param unit the unit
 * @param runId content hash of config, code version and data checksums (see provenance.json)
 * @param configHash hash of the job's resolved configuration
 * @param workbenchVersion workbench version and git commit that produced the row
 * @param params the sweep parameters of the job, written as {@code param:<key>} columns
 */
public record ResultRow(
    String experiment,
    String variant,
    long seed,
    String stage,
    String metric,
    OptionalInt timestep,
    double value,
    String unit,
    String runId,
    String configHash,
    String workbenchVersion,
    SortedMap<String, String> params) {

  /** Row order in files: the join key, timesteps numerically. */
  public static final Comparator<ResultRow> ORDER =
      Comparator.comparing(ResultRow::experiment)
          .thenComparing(ResultRow::variant)
          .thenComparingLong(ResultRow::seed)
          .thenComparing(ResultRow::stage)
          .thenComparing(ResultRow::metric)
          .thenComparingInt(r -> r.timestep().orElse(0));

  /** Checks for nulls and copies the params into a sorted map. */
  public ResultRow {
    Objects.requireNonNull(experiment);
    Objects.requireNonNull(variant);
    Objects.requireNonNull(stage);
    Objects.requireNonNull(metric);
    Objects.requireNonNull(timestep);
    Objects.requireNonNull(unit);
    Objects.requireNonNull(runId);
    Objects.requireNonNull(configHash);
    Objects.requireNonNull(workbenchVersion);
    params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
  }

  /** The join key used by {@code bsnn diff}: experiment, variant, seed, stage, metric, timestep. */
  public String key() {
    return String.join(
        "|",
        experiment,
        variant,
        Long.toString(seed),
        stage,
        metric,
        timestep.isPresent() ? Integer.toString(timestep.getAsInt()) : "");
  }

  /** A copy with another value. */
  public ResultRow withValue(double v) {
    return new ResultRow(
        experiment,
        variant,
        seed,
        stage,
        metric,
        timestep,
        v,
        unit,
        runId,
        configHash,
        workbenchVersion,
        params);
  }

  /** Builds the rows for one measurement of a job. */
  public static java.util.List<ResultRow> of(Measurement m, JobLabel job, String stage) {
    if (m instanceof Measurement.Scalar s) {
      return java.util.List.of(
          new ResultRow(
              job.experiment(),
              job.variant(),
              job.seed(),
              stage,
              s.metric(),
              OptionalInt.empty(),
              s.value(),
              s.unit(),
              job.runId(),
              job.configHash(),
              job.workbenchVersion(),
              job.params()));
    }
    Measurement.Series s = (Measurement.Series) m;
    double[] v = s.values();
    java.util.List<ResultRow> rows = new java.util.ArrayList<>(v.length);
    for (int t = 0; t < v.length; t++) {
      rows.add(
          new ResultRow(
              job.experiment(),
              job.variant(),
              job.seed(),
              stage,
              s.metric(),
              OptionalInt.of(t + 1),
              v[t],
              s.unit(),
              job.runId(),
              job.configHash(),
              job.workbenchVersion(),
              job.params()));
    }
    return rows;
  }

  /**
   * The identity columns shared by all rows of one job.
   *
   * @param params sweep parameters (key without the "param:" prefix to value)
   */
  public record JobLabel(
      String experiment,
      String variant,
      long seed,
      String runId,
      String configHash,
      String workbenchVersion,
      SortedMap<String, String> params) {
    /** Copies the params. */
    public JobLabel {
      params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }
  }
}
