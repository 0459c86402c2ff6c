package org.bsnn.plugins.models;

import java.util.List;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link ResNetSmallArchitecture}.
 *
 * @param widths channels of each stage; the first is also the stem's width
 * @param blocks basic blocks per stage, one entry per stage
 */
public record ResNetSmallConfig(
    @Doc(
            "channels of each stage, e.g. [16, 32, 64]; every stage after the first halves the image with a "
                + "stride-2 block, so 28x28 input ends at 7x7 and 32x32 at 8x8 with three stages")
        List<Integer> widths,
    @Doc(
            "basic blocks per stage (conv-BN-ReLU-conv-BN + shortcut, ReLU), one entry per width, each >= 1")
        List<Integer> blocks) {

  /** Validates that both lists have one positive entry per stage. */
  public ResNetSmallConfig {
    widths = List.copyOf(widths);
    blocks = List.copyOf(blocks);
    if (widths.isEmpty()) {
      throw new IllegalArgumentException("widths needs at least one stage");
    }
    if (blocks.size() != widths.size()) {
      throw new IllegalArgumentException(
          "blocks needs one entry per stage: "
              + widths.size()
              + " widths but "
              + blocks.size()
              + " block counts");
    }
    for (int i = 0; i < widths.size(); i++) {
      if (widths.get(i) < 1 || blocks.get(i) < 1) {
        throw new IllegalArgumentException(
            "stage "
                + (i + 1)
                + " needs width >= 1 and blocks >= 1, got width "
                + widths.get(i)
                + " and "
                + blocks.get(i)
                + " blocks");
      }
    }
  }
}
