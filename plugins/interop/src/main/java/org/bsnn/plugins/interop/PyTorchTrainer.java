package org.bsnn.plugins.interop;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.Node;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.stage.Trainer;
import org.bsnn.api.util.UserFacingException;

/**
 * The {@code pytorch} trainer: loads a PyTorch state_dict ({@link PyTorchStateDict}) into the
 * network the model stage built ({@link StateDictMapper}: by parameter order and shape) instead of
 * training, so a checkpoint trained elsewhere as a workbench architecture runs through conversion
 * and simulation.
 *
 * <p>Provenance: the resolved file ({@code pytorch}), its SHA-256 ({@code pytorchSha256}) and the
 * layers loaded as binary weights ({@code pytorchBinaryLayers}).
 */
final class PyTorchTrainer implements Trainer {

  private final PyTorchConfig config;

  PyTorchTrainer(PyTorchConfig config) {
    this.config = config;
  }

  /**
   * Reads the state_dict once before the run folder exists, so a missing, truncated or corrupt file
   * stops the run with nothing written. (Whether it fits the model's parameters is checked in
   * {@link #train}, where the model stage's network exists.)
   */
  @Override
  public void preflight(DatasetInfo data) {
    PyTorchStateDict.read(file());
  }

  private Path file() {
    if (config.path().isBlank()) {
      throw new UserFacingException("the pytorch trainer needs train.path: a .pt/.pth state_dict");
    }
    return OnnxTrainer.resolve(config.path(), "pytorch");
  }

  @Override
  public Network train(
      Optional<Network> initial, Dataset data, Optional<Binarizer> binarizer, RunContext context) {
    Path file = file();
    Network model =
        initial.orElseThrow(
            () ->
                new UserFacingException(
                    "the pytorch trainer loads a state_dict into the model stage's network: add a "
                        + "model: stage (e.g. model: {plugin: vgg-small}) matching the checkpoint"));
    String sha256 = OnnxTrainer.sha256(file);
    Network net = load(model, file, config.binary());
    List<String> binary =
        net.weightedNodes().stream()
            .filter(n -> n.layer().asWeighted().orElseThrow().weights().isBinary())
            .map(Node::name)
            .toList();
    context.provenance("pytorch", file.toString());
    context.provenance("pytorchSha256", sha256);
    context.provenance("pytorchBinaryLayers", binary);
    context
        .log()
        .info(
            "pytorch: loaded "
                + file
                + " into '"
                + net.name()
                + "' ("
                + net.weightedNodes().size()
                + " weighted layers, binary layers "
                + binary
                + ")");
    return net;
  }

  /** {@code model} with its parameters read from the state_dict {@code file}. */
  static Network load(Network model, Path file, boolean binary) {
    return StateDictMapper.map(model, PyTorchStateDict.read(file), file, binary);
  }
}
