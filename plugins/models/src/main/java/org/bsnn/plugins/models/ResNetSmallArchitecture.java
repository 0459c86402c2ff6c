package org.bsnn.plugins.models;

import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Architecture;
import org.bsnn.api.util.UserFacingException;

/**
 * The {@code resnet-small} family: residual networks with batch norm, basic blocks and identity or
 * 1x1-projection shortcuts, sized by stage widths and block counts (see {@link ResNetBuilder}). Not
 * one of Lu &amp; Sengupta's networks: the paper's reference converter supported neither batch norm
 * nor residual connections, which a complete workbench converts; this model exercises both.
 */
public final class ResNetSmallArchitecture implements Architecture {

  private final ResNetSmallConfig config;

  /** An architecture with the given stage widths and block counts. */
  public ResNetSmallArchitecture(ResNetSmallConfig config) {
    this.config = config;
  }

  @Override
  public Network build(DatasetInfo data, RunContext context) {
    try {
      return ResNetBuilder.build(
          "resnet-small-" + data.name(),
          data.imageShape(),
          config,
          data.classes(),
          context.random("init"));
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(
          "resnet-small with widths "
              + config.widths()
              + " does not fit dataset '"
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
