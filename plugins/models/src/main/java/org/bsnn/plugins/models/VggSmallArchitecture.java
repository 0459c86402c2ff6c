package org.bsnn.plugins.models;

import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Architecture;
import org.bsnn.api.util.UserFacingException;

/**
 * The {@code vgg-small} family: VGG networks of any size built by the paper's {@code vgg15ab}
 * design rules (3x3 convs without bias or batch norm, 2x2 average pooling before ReLU, dropout,
 * Kaiming fan-out / N(0, 0.01) init), sized by a layer spec such as {@code
 * c32-c32p-c64-c64p-fc256-fc10} for 28x28 images on a CPU. See {@link VggBuilder} for the layer
 * order and node names. With {@code qcfsLevels} set, every ReLU is a QCFS activation instead
 * ({@link QcfsActivations}; Bu et al., ICLR 2022).
 */
public final class VggSmallArchitecture implements Architecture {

  private final VggSmallConfig config;

  /** An architecture with the given spec and options. */
  public VggSmallArchitecture(VggSmallConfig config) {
    this.config = config;
  }

  @Override
  public Network build(DatasetInfo data, RunContext context) {
    VggSpec spec = VggSpec.parseFor("vgg-small", config.layers(), data);
    VggBuilder.Options options =
        new VggBuilder.Options(
            "max".equals(config.pooling()),
            config.poolBeforeRelu(),
            config.dropout(),
            config.bias());
    try {
      return QcfsActivations.apply(
          VggBuilder.build(
              "vgg-small-" + data.name(), data.imageShape(), spec, options, context.random("init")),
          config.qcfsLevels(),
          config.qcfsLambda());
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(
          "vgg-small with layers '"
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
