package org.bsnn.plugins.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Metric;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.impl.ArrayExample;

/**
 * Confusion matrix and per-class precision, recall and F1 of the ANN and/or the SNN, computed with
 * Tribuo's {@link LabelConfusionMatrix}. Rows: {@code confusion[who][true][predicted]} (counts),
 * {@code precision[who][class]}, {@code recall[who][class]}, {@code f1[who][class]}, {@code
 * macro-f1[who]}. Class names have commas replaced so they stay single CSV cells.
 */
public final class ConfusionMatrixMetric implements Metric {

  private final ConfusionMatrixConfig config;

  /** A metric for the configured classifiers. */
  public ConfusionMatrixMetric(ConfusionMatrixConfig config) {
    this.config = config;
  }

  @Override
  public List<Measurement> measure(Evaluation evaluation, RunContext context) {
    List<String> names =
        evaluation.dataset().classNames().stream().map(n -> n.replace(',', ';')).toList();
    List<Measurement> out = new ArrayList<>();
    for (String who : config.of()) {
      if (who.equals("ann")) {
        Evaluation.AnnPredictions ann = evaluation.annPredictions().get();
        out.addAll(matrix("ann", names, ann.labels(), ann.predictions()));
      } else if (evaluation.trace().isPresent()) {
        out.addAll(
            matrix(
                "snn",
                names,
                evaluation.trace().get().labels(),
                evaluation.trace().get().predictions()));
      }
    }
    return out;
  }

  /** The rows for one classifier. */
  static List<Measurement> matrix(String who, List<String> names, int[] labels, int[] predicted) {
    MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
    List<Label> classes = names.stream().map(Label::new).toList();
    classes.forEach(info::observe);
    ImmutableOutputInfo<Label> domain = info.generateImmutableOutputInfo();
    List<Prediction<Label>> predictions = new ArrayList<>(labels.length);
    for (int i = 0; i < labels.length; i++) {
      ArrayExample<Label> example = new ArrayExample<>(classes.get(labels[i]), 1f);
      predictions.add(new Prediction<>(classes.get(predicted[i]), 0, example));
    }
    LabelConfusionMatrix cm = new LabelConfusionMatrix(domain, predictions);
    List<Measurement> out = new ArrayList<>();
    double f1Sum = 0;
    for (Label truth : classes) {
      for (Label guess : classes) {
        out.add(
            new Measurement.Scalar(
                "confusion[" + who + "][" + truth.getLabel() + "][" + guess.getLabel() + "]",
                cm.confusion(guess, truth),
                "samples"));
      }
      double tp = cm.tp(truth);
      double precision = tp + cm.fp(truth) == 0 ? 0 : tp / (tp + cm.fp(truth));
      double recall = tp + cm.fn(truth) == 0 ? 0 : tp / (tp + cm.fn(truth));
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      f1Sum += f1;
      out.add(
          new Measurement.Scalar(
              "precision[" + who + "][" + truth.getLabel() + "]", precision, "fraction"));
      out.add(
          new Measurement.Scalar(
              "recall[" + who + "][" + truth.getLabel() + "]", recall, "fraction"));
      out.add(new Measurement.Scalar("f1[" + who + "][" + truth.getLabel() + "]", f1, "fraction"));
    }
    out.add(new Measurement.Scalar("macro-f1[" + who + "]", f1Sum / classes.size(), "fraction"));
    return out;
  }
}
