package org.bsnn.plugins.models;

import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Architecture;
import org.bsnn.api.util.UserFacingException;

/**
 * The {@code xnor-net} baseline: XNOR-Net-style networks with batch norm and binary (sign)
 * activations before every hidden layer but the first (see {@link XnorNetBuilder}). Lu &amp;
 * Sengupta compared their binary SNNs with such an XNOR-Net; it is ANN-only (its sign activations
 * have no spiking equivalent, and the converters reject them), so experiments with it stop after
 * training and ANN evaluation. Binary weights come, as for every model, from the {@code binarize}
 * stage.
 */
public final class XnorNetArchitecture implements Architecture {

  private final XnorNetConfig config;

  /** An architecture with the given spec and pooling. */
  public XnorNetArchitecture(XnorNetConfig config) {
    this.config = config;
  }

  @Override
  public Network build(DatasetInfo data, RunContext context) {
    VggSpec spec = VggSpec.parseFor("xnor-net", config.layers(), data);
    try {
      return XnorNetBuilder.build(
          "xnor-net-" + data.name(),
          data.imageShape(),
          spec,
          "max".equals(config.pooling()),
          context.random("init"));
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(
          "xnor-net with layers '"
              + config.layers()
              + "' does not fit dataset '"
              + data.name()
              + "' ("
              + data.channels()
              + "x"
              + data.height()
              + "x"
              + data.width()
              + "): "
              + e.getMessage(),
          e);
    }
  }
}
