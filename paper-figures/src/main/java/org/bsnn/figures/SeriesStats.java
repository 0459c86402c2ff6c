package org.bsnn.figures;

/**
 * A per-timestep series averaged over seeds.
 *
 * @param timesteps the 1-based timesteps present in any seed, ascending
 * @param mean the mean over the seeds that have each timestep
 * @param std the sample standard deviation over those seeds (0 for one seed)
 * @param seeds how many seeds contributed
 */
public record SeriesStats(int[] timesteps, double[] mean, double[] std, int seeds) {

  /** The last timestep, 0 when empty. */
  public int lastTimestep() {
    return timesteps.length == 0 ? 0 : timesteps[timesteps.length - 1];
  }

  /** The mean at a timestep, NaN when absent. */
  public double meanAt(int timestep) {
    for (int i = 0; i < timesteps.length; i++) {
      if (timesteps[i] == timestep) {
        return mean[i];
      }
    }
    return Double.NaN;
  }

  /**
   * The sum of the means over all timesteps (e.g. spikes per inference from spikes per timestep).
   */
  public double sumOfMeans() {
    double s = 0;
    for (double v : mean) {
      s += v;
    }
    return s;
  }
}
