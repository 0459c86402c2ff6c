package org.bsnn.plugins.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.NetworkIO;
import org.bsnn.api.network.Node;
import org.bsnn.api.network.Weights;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.stage.Trainer;
import org.bsnn.api.util.UserFacingException;

/**
 * The {@code checkpoint} trainer: loads a network saved with {@code NetworkIO} (by an earlier run,
 * a gradient trainer's checkpoint, or a PyTorch export) instead of training, so conversion and
 * simulation experiments can reuse a trained ANN. The network must take the dataset's image shape
 * and give one score per class; the model stage's network, if any, is not used.
 *
 * <p>Provenance: the resolved directory ({@code checkpoint}), the SHA-256 of its {@code
 * network.json} ({@code checkpointNetworkJsonSha256}) and one digest of its tensors ({@code
 * checkpointTensorsSha256}, see {@link SavedNetwork#tensorsSha256}), so a result names exactly
 * which weights it came from even when the directory is later overwritten.
 *
 * <p>With a binarizer, the runner's binarize stage binarizes the layers it selects after this
 * stage; layers that are already binary stay as they are. Full-precision layers it selects are
 * binarized without training, which is logged as a warning.
 */
final class CheckpointTrainer implements Trainer {

  private final CheckpointConfig config;

  CheckpointTrainer(CheckpointConfig config) {
    this.config = config;
  }

  /** Loads the network and checks it fits the dataset, before the run folder exists. */
  @Override
  public void preflight(DatasetInfo data) {
    Path dir = CheckpointLocation.resolve(config.path());
    checkFits(NetworkIO.load(dir), dir, data);
  }

  @Override
  public Network train(
      Optional<Network> initial, Dataset data, Optional<Binarizer> binarizer, RunContext context) {
    SavedNetwork saved = SavedNetwork.load(config.path());
    Path dir = saved.dir();
    Network net = saved.network();
    checkFits(net, dir, data.info());
    saved.record(context, "checkpoint");
    context.log().info("checkpoint: loaded network '" + net.name() + "' from " + dir);
    if (initial.isPresent()) {
      context
          .log()
          .info("checkpoint: the model stage's network is not used; the loaded one replaces it");
    }
    binarizer.ifPresent(b -> warnUntrainedBinarization(net, b, context));
    return net;
  }

  /** Rejects a network whose input shape or class count differs from the dataset's, naming both. */
  static void checkFits(Network net, Path dir, DatasetInfo info) {
    long[] expected = info.imageShape();
    if (!Arrays.equals(net.inputShape(), expected)) {
      throw new UserFacingException(
          "checkpoint network '"
              + net.name()
              + "' in "
              + dir
              + " takes input "
              + shape(net.inputShape())
              + " but dataset '"
              + info.name()
              + "' has images "
              + shape(expected));
    }
    long classes = NetworkForward.shapes(net).get(net.output())[0];
    if (classes != info.classes()) {
      throw new UserFacingException(
          "checkpoint network '"
              + net.name()
              + "' in "
              + dir
              + " has "
              + classes
              + " outputs but dataset '"
              + info.name()
              + "' has "
              + info.classes()
              + " classes");
    }
  }

  private static String shape(long[] s) {
    return s[0] + "x" + s[1] + "x" + s[2];
  }

  private static void warnUntrainedBinarization(
      Network net, Binarizer binarizer, RunContext context) {
    List<String> untrained = new ArrayList<>();
    for (Node node : net.weightedNodes()) {
      Weights w = node.layer().asWeighted().orElseThrow().weights();
      if (binarizer.selects(node, net) && !w.isBinary()) {
        untrained.add(node.name());
      }
    }
    if (!untrained.isEmpty()) {
      context
          .log()
          .warn(
              "checkpoint: the binarize stage will binarize full-precision layers "
                  + untrained
                  + " of the loaded network without training them");
      context.provenance("binarizedWithoutTraining", untrained);
    }
  }
}
