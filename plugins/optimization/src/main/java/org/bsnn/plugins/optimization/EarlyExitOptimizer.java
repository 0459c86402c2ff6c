package org.bsnn.plugins.optimization;

import org.bsnn.api.snn.TimestepView;
import org.bsnn.api.stage.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Run-time early exit (Lu &amp; Sengupta 2020, claim 5): inference of a sample ends as soon as a
 * statistic of the output layer's accumulated membrane potential exceeds a threshold. Two rules:
 * {@link Rule#MAX_POTENTIAL}, the paper's (maximum potential over classes), and {@link Rule#MARGIN}
 * (top-1 minus top-2 potential), which is robust to all classes rising together.
 */
public final class EarlyExitOptimizer implements Optimizer {

  /** The statistic compared with the threshold. */
  public enum Rule {
    /** The largest output potential (the paper's rule). */
    MAX_POTENTIAL,
    /** The largest minus the second-largest output potential. */
    MARGIN
  }

  private final EarlyExitConfig config;
  private final Rule rule;

  /** An early exit with the given rule. */
  public EarlyExitOptimizer(EarlyExitConfig config, Rule rule) {
    this.config = config;
    this.rule = rule;
  }

  @Override
  public boolean[] onTimestep(TimestepView view) {
    if (view.timestep() < config.minTimesteps()) {
      return null;
    }
    INDArray potential = view.outputPotential();
    int n = view.sampleIndices().length;
    long classes = potential.size(1);
    boolean[] stop = new boolean[n];
    float[] rows = potential.dup('c').data().asFloat();
    for (int i = 0; i < n; i++) {
      float best = Float.NEGATIVE_INFINITY;
      float second = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        float v = rows[(int) (i * classes + c)];
        if (v > best) {
          second = best;
          best = v;
        } else if (v > second) {
          second = v;
        }
      }
      double statistic = rule == Rule.MAX_POTENTIAL ? best : best - second;
      stop[i] = statistic > config.threshold();
    }
    return stop;
  }
}
