package org.bsnn.plugins.models;

import org.bsnn.api.config.ConfigChecks;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link VggSmallArchitecture}.
 *
 * @param layers layer spec, see {@link VggSpec}
 * @param pooling "avg" or "max"
 * @param poolBeforeRelu pool, then ReLU (the paper's choice) instead of ReLU, then pool
 * @param dropout drop probability after unpooled convs, flatten and hidden fc layers
 * @param bias give layers biases (the paper's networks have none)
 */
public record VggSmallConfig(
    @Doc(
            "layers: cN = 3x3 conv with N channels, cNp = conv + 2x2 pooling, fcN = fully connected; "
                + "the last entry is the classifier and must match the dataset's class count")
        String layers,
    @Doc("pooling type: avg or max (the if-neuron converter supports avg only)") String pooling,
    @Doc("pool before the ReLU (the paper's vgg15ab), else after it") boolean poolBeforeRelu,
    @Doc(
            "dropout probability in [0, 1) after unpooled convs, the flatten and hidden fc layers; 0 = none")
        double dropout,
    @Doc("give conv and fc layers biases (the paper's networks have none)") boolean bias) {

  /** Validates the spec, pooling and dropout. */
  public VggSmallConfig {
    VggSpec.parse(layers);
    if (!"avg".equals(pooling) && !"max".equals(pooling)) {
      throw new IllegalArgumentException("pooling must be avg or max, got '" + pooling + "'");
    }
    ConfigChecks.inClosedOpen("dropout", dropout, 0, 1);
  }
}
