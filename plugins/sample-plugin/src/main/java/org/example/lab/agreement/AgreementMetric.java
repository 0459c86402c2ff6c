package org.example.lab.agreement;

import java.util.ArrayList;
import java.util.List;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.snn.SimulationTrace;
import org.bsnn.api.stage.Metric;

/**
 * How faithfully the converted SNN reproduces its ANN, image by image. Lu &amp; Sengupta (2020) and
 * conversion work in general compare the two networks' accuracies; equal accuracies can still hide
 * images that the conversion broke and others it fixed by chance. Over the images the SNN was
 * simulated on (the first N of the evaluation split, which the ANN also classified) it reports:
 *
 * <ul>
 *   <li>{@code ann-snn-agreement}: the fraction on which the SNN's final prediction equals the
 *       ANN's, with {@code ann-snn-agreement-low} / {@code -high}, its Wilson score interval
 *       ({@link WilsonInterval}) at the configured confidence;
 *   <li>{@code ann-right-snn-wrong} and {@code snn-right-ann-wrong}: the fractions only one network
 *       classifies correctly (their difference is the accuracy difference; their sum bounds it);
 *   <li>with {@code perClass}, {@code ann-snn-agreement[<class>]} for each true class.
 * </ul>
 *
 * <p>ANN-only experiments (no simulation trace) get no rows.
 */
final class AgreementMetric implements Metric {

  private final AgreementConfig config;

  AgreementMetric(AgreementConfig config) {
    this.config = config;
  }

  @Override
  public List<Measurement> measure(Evaluation evaluation, RunContext context) {
    if (evaluation.trace().isEmpty()) {
      return List.of();
    }
    SimulationTrace trace = evaluation.trace().get();
    Evaluation.AnnPredictions ann = evaluation.annPredictions().get();
    int n = Math.min(trace.samples(), ann.labels().length);
    int classes = evaluation.dataset().classes();
    long agree = 0;
    long annOnly = 0;
    long snnOnly = 0;
    long[] agreeByClass = new long[classes];
    long[] imagesByClass = new long[classes];
    for (int i = 0; i < n; i++) {
      int label = trace.labels()[i];
      if (label != ann.labels()[i]) {
        throw new IllegalStateException(
            "image "
                + i
                + " has label "
                + label
                + " in the simulation but "
                + ann.labels()[i]
                + " in the ANN's predictions: the SNN was not simulated on the first images of the evaluation split");
      }
      boolean same = trace.predictions()[i] == ann.predictions()[i];
      boolean annRight = ann.predictions()[i] == label;
      boolean snnRight = trace.predictions()[i] == label;
      agree += same ? 1 : 0;
      annOnly += annRight && !snnRight ? 1 : 0;
      snnOnly += snnRight && !annRight ? 1 : 0;
      if (label >= 0 && label < classes) {
        imagesByClass[label]++;
        agreeByClass[label] += same ? 1 : 0;
      }
    }
    List<Measurement> out = new ArrayList<>();
    WilsonInterval interval = WilsonInterval.of(agree, n, config.confidence());
    out.add(new Measurement.Scalar("ann-snn-agreement", fraction(agree, n), "fraction"));
    out.add(new Measurement.Scalar("ann-snn-agreement-low", interval.low(), "fraction"));
    out.add(new Measurement.Scalar("ann-snn-agreement-high", interval.high(), "fraction"));
    out.add(new Measurement.Scalar("ann-right-snn-wrong", fraction(annOnly, n), "fraction"));
    out.add(new Measurement.Scalar("snn-right-ann-wrong", fraction(snnOnly, n), "fraction"));
    if (config.perClass()) {
      List<String> names = evaluation.dataset().classNames();
      for (int c = 0; c < classes; c++) {
        // metric names may not hold commas (they are CSV cells)
        out.add(
            new Measurement.Scalar(
                "ann-snn-agreement[" + names.get(c).replace(',', ';') + "]",
                fraction(agreeByClass[c], imagesByClass[c]),
                "fraction"));
      }
    }
    return out;
  }

  private static double fraction(long count, long total) {
    return total == 0 ? Double.NaN : (double) count / total;
  }
}
