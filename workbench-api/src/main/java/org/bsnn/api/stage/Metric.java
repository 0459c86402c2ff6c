package org.bsnn.api.stage;

import java.util.List;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;

/** Turns the outputs of a job (trained ANN, simulation trace) into measurements. */
public non-sealed interface Metric extends Stage {

  /**
   * Measures; returns no rows when its inputs are absent (e.g. an SNN metric in an ANN-only run).
   */
  List<Measurement> measure(Evaluation evaluation, RunContext context);
}
