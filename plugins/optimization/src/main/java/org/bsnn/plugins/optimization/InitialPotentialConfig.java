package org.bsnn.plugins.optimization;

import org.bsnn.api.config.Doc;

/**
 * Config of {@link InitialPotentialOptimizer}.
 *
 * @param fraction every integrate-and-fire neuron starts at this fraction of its threshold
 */
public record InitialPotentialConfig(
    @Doc(
            "every integrate-and-fire neuron starts at this fraction of its threshold, in [0, 1);"
                + " 0.5 turns the rate's floor into rounding (Deng & Gu 2021, Bu et al. 2022)")
        double fraction) {

  /** Validates the range. */
  public InitialPotentialConfig {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "fraction must be in [0, 1) (a neuron at or above its threshold would fire without"
              + " input), got "
              + fraction);
    }
  }
}
