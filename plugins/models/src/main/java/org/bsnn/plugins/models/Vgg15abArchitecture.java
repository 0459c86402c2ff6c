package org.bsnn.plugins.models;

import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Architecture;
import org.bsnn.api.util.UserFacingException;

/**
 * VGG-15 with average pooling before ReLU ({@code vgg15ab}), Lu &amp; Sengupta (2020): 13 3x3
 * convolutions and 2 fully connected layers, no batch norm, no biases, dropout 0.1, 2x2 average
 * pooling before the ReLU after conv 2, 4, 7, 10 and 13:
 *
 * <pre>
 * conv 3->64 relu drop | conv 64->64 avgpool relu
 * conv 64->128 relu drop | conv 128->128 avgpool relu
 * conv 128->256 relu drop | conv 256->256 relu drop | conv 256->256 avgpool relu
 * conv 256->512 relu drop | conv 512->512 relu drop | conv 512->512 avgpool relu
 * conv 512->512 relu drop | conv 512->512 relu drop | conv 512->512 avgpool relu
 * drop | fc (512 or 25088)->4096 relu drop | fc 4096->classes
 * </pre>
 *
 * Init: Kaiming normal (fan-out) for conv, N(0, 0.01) for linear. The CIFAR head takes 32x32
 * images, the ImageNet head 224x224; input channels follow the dataset (3 for both).
 */
public final class Vgg15abArchitecture implements Architecture {

  /** The 13 convolutions and the hidden fc layer; the classifier is appended per dataset. */
  static final String BODY =
      "c64-c64p-c128-c128p-c256-c256-c256p-c512-c512-c512p-c512-c512-c512p-fc4096";

  private final Vgg15abConfig config;

  /** An architecture with the given head. */
  public Vgg15abArchitecture(Vgg15abConfig config) {
    this.config = config;
  }

  @Override
  public Network build(DatasetInfo data, RunContext context) {
    int size = config.inputSize();
    if (data.height() != size || data.width() != size) {
      throw new UserFacingException(
          "vgg15ab with the "
              + config.head()
              + " head takes "
              + size
              + "x"
              + size
              + " images but dataset '"
              + data.name()
              + "' has "
              + data.channels()
              + "x"
              + data.height()
              + "x"
              + data.width()
              + "; use head: "
              + (size == 32 ? "imagenet" : "cifar")
              + " or another model");
    }
    if (config.classes() != 0 && config.classes() != data.classes()) {
      throw new UserFacingException(
          "vgg15ab is configured for "
              + config.classes()
              + " classes but dataset '"
              + data.name()
              + "' has "
              + data.classes()
              + "; set model.classes to "
              + data.classes()
              + " or 0");
    }
    VggSpec spec = VggSpec.parse(BODY + "-fc" + data.classes());
    VggBuilder.Options options =
        new VggBuilder.Options(
            "max".equals(config.pooling()), config.poolBeforeRelu(), config.dropout(), false);
    return VggBuilder.build(
        "vgg15ab-" + config.head() + "-" + data.name(),
        data.imageShape(),
        spec,
        options,
        context.random("init"));
  }
}
