package org.bsnn.plugins.models;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param qcfsLevels quantization steps L of QCFS activations replacing every ReLU (Bu et al., ICLR
 *     2022), or null for ReLUs
 * @param qcfsLambda initial trainable clip value λ of every QCFS layer, or null for 8
 */
// Unset QCFS keys are left out of the config's map, so networks configured before they existed
// keep their hashes (and their cached training).
@JsonInclude(JsonInclude.Include.NON_NULL)
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
    @Doc("give conv and fc layers biases (the paper's networks have none)") boolean bias,
    @Doc(
            "QCFS activations (Bu et al., ICLR 2022) instead of ReLUs: quantization steps L (e.g. 4"
                + " or 8); unset = ReLU. Convert with normalize: none (the trained clip values are"
                + " the thresholds)")
        Integer qcfsLevels,
    @Doc("initial trainable clip value λ of every QCFS layer; unset = 8; needs qcfsLevels")
        Double qcfsLambda) {

  /** ReLU activations. */
  public VggSmallConfig(
      String layers, String pooling, boolean poolBeforeRelu, double dropout, boolean bias) {
    this(layers, pooling, poolBeforeRelu, dropout, bias, null, null);
  }

  /** Validates the spec, pooling, dropout and the QCFS keys. */
  public VggSmallConfig {
    VggSpec.parse(layers);
    if (!"avg".equals(pooling) && !"max".equals(pooling)) {
      throw new IllegalArgumentException("pooling must be avg or max, got '" + pooling + "'");
    }
    ConfigChecks.inClosedOpen("dropout", dropout, 0, 1);
    QcfsActivations.check(qcfsLevels, qcfsLambda);
  }
}
