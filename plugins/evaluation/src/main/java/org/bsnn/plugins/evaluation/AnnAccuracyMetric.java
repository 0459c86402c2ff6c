package org.bsnn.plugins.evaluation;

import java.util.List;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Metric;

/** Top-1 accuracy (fraction) of the trained ANN on the evaluation split. */
public final class AnnAccuracyMetric implements Metric {
  @Override
  public List<Measurement> measure(Evaluation evaluation, RunContext context) {
    return List.of(
        new Measurement.Scalar(
            "ann-accuracy", evaluation.annPredictions().get().accuracy(), "fraction"));
  }
}
