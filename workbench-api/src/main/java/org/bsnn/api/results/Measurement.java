package org.bsnn.api.results;

import java.util.Objects;

/**
 * One measured quantity, written as one row (scalar) or one row per timestep (series) of {@code
 * results.csv}. Metric names are kebab-case and may carry a qualifier in brackets, e.g. {@code
 * spikes-per-neuron[conv1]}.
 */
public sealed interface Measurement permits Measurement.Scalar, Measurement.Series {

  /** The metric name. */
  String metric();

  /** The unit, e.g. "fraction", "spikes", "pJ", "timesteps", or "" for dimensionless counts. */
  String unit();

  /** A single value. */
  record Scalar(String metric, double value, String unit) implements Measurement {
    /** Checks the names. */
    public Scalar {
      checkName(metric);
      Objects.requireNonNull(unit, "unit");
    }
  }

  /**
   * A value per timestep.
   *
   * @param values value at timestep t in {@code values[t-1]}
   */
  record Series(String metric, double[] values, String unit) implements Measurement {
    /** Checks the names and copies the values. */
    public Series {
      checkName(metric);
      Objects.requireNonNull(unit, "unit");
      values = values.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }
  }

  private static void checkName(String metric) {
    if (metric == null || metric.isBlank() || metric.contains(",") || metric.contains("\n")) {
      throw new IllegalArgumentException(
          "metric names must be non-blank without commas or newlines: " + metric);
    }
  }
}
