package org.bsnn.plugins.models;

import org.bsnn.api.config.Doc;

/**
 * Config of {@link XnorNetArchitecture}.
 *
 * @param layers layer spec, see {@link VggSpec}
 * @param pooling "max" (XNOR-Net's) or "avg"
 */
public record XnorNetConfig(
    @Doc(
            "layers: cN = 3x3 conv with N channels, cNp = conv + 2x2 pooling, fcN = fully connected; the first "
                + "layer and the last (the classifier, N = class count) take real-valued inputs, every other layer "
                + "binary ones (batch norm then sign before it)")
        String layers,
    @Doc("pooling type: max (XNOR-Net's) or avg") String pooling) {

  /** Validates the spec and pooling. */
  public XnorNetConfig {
    VggSpec spec = VggSpec.parse(layers);
    if (spec.layers().size() < 2) {
      throw new IllegalArgumentException(
          "layers '" + layers + "' needs at least a first layer and the classifier");
    }
    if (!"avg".equals(pooling) && !"max".equals(pooling)) {
      throw new IllegalArgumentException("pooling must be avg or max, got '" + pooling + "'");
    }
  }
}
