package org.bsnn.experiments.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bsnn.api.results.ResultRow;

/**
 * The few numbers a researcher looks at first, printed at the end of a run: per variant and seed,
 * ANN and SNN accuracy and the timesteps the SNN needed.
 */
final class Headline {

  private static final List<String> METRICS =
      List.of(
          "ann-accuracy",
          "ann-accuracy-on-snn-samples",
          "snn-final-accuracy",
          "timesteps-to-within[0.5 pt]",
          "timesteps-to-within[1.0 pt]",
          "timesteps-used-mean",
          "exit-accuracy");

  private Headline() {}

  /** One line per job with the headline metrics it produced; empty when it produced none. */
  static List<String> lines(List<ResultRow> rows) {
    Map<String, Map<String, Double>> byJob = new LinkedHashMap<>();
    for (ResultRow r : rows) {
      if (r.timestep().isEmpty() && METRICS.contains(r.metric())) {
        byJob
            .computeIfAbsent(r.variant() + ", seed " + r.seed(), k -> new LinkedHashMap<>())
            .put(r.metric(), r.value());
      }
    }
    List<String> out = new ArrayList<>();
    byJob.forEach(
        (job, values) -> {
          StringBuilder sb = new StringBuilder(job).append(':');
          for (String metric : METRICS) {
            Double v = values.get(metric);
            if (v != null) {
              sb.append(' ')
                  .append(metric)
                  .append(' ')
                  .append(
                      metric.contains("accuracy")
                          ? String.format(Locale.ROOT, "%.2f%%", 100 * v)
                          : String.format(Locale.ROOT, "%.1f", v));
            }
          }
          out.add(sb.toString());
        });
    return out;
  }
}
