package org.bsnn.api.stage;

import java.util.List;
import org.bsnn.api.results.Evaluation;
import org.bsnn.api.results.Measurement;
import org.bsnn.api.run.RunContext;

/** Estimates hardware cost (operations, energy) of the ANN and the SNN from a job's outputs. */
public non-sealed interface HardwareModel extends Stage {

  /** Estimates; per-layer and total measurements with units (e.g. "ops", "pJ"). */
  List<Measurement> estimate(Evaluation evaluation, RunContext context);
}
