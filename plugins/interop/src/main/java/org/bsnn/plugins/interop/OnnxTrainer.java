package org.bsnn.plugins.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.bsnn.api.network.Node;
import org.bsnn.api.run.RunContext;
import org.bsnn.api.stage.Binarizer;
import org.bsnn.api.stage.Trainer;
import org.bsnn.api.util.UserFacingException;

/**
 * The {@code onnx} trainer: imports an ONNX model ({@link OnnxImporter}) instead of training, so
 * conversion and simulation experiments can study networks trained elsewhere. Like {@code
 * checkpoint}, the network must take the dataset's image shape and give one score per class; the
 * model stage's network, if any, is not used.
 *
 * <p>Provenance: the resolved file ({@code onnx}), its SHA-256 ({@code onnxSha256}) and the layers
 * imported as binary weights ({@code onnxBinaryLayers}).
 */
final class OnnxTrainer implements Trainer {

  /** The system property with the checkout root, as the launcher sets it. */
  static final String HOME_PROPERTY = "bsnn.home";

  private final OnnxConfig config;

  OnnxTrainer(OnnxConfig config) {
    this.config = config;
  }

  /**
   * Imports the file once before the run folder exists, so an unreadable model, an unsupported
   * operator or a model that does not fit the dataset stops the run with nothing written.
   */
  @Override
  public void preflight(DatasetInfo data) {
    Path file = resolve(config.path());
    checkFits(OnnxImporter.importFile(file, config.binary()), file, data);
  }

  @Override
  public Network train(
      Optional<Network> initial, Dataset data, Optional<Binarizer> binarizer, RunContext context) {
    Path file = resolve(config.path());
    String sha256 = sha256(file);
    Network net = OnnxImporter.importFile(file, config.binary());
    checkFits(net, file, data.info());
    List<String> binary =
        net.weightedNodes().stream()
            .filter(n -> n.layer().asWeighted().orElseThrow().weights().isBinary())
            .map(Node::name)
            .toList();
    context.provenance("onnx", file.toString());
    context.provenance("onnxSha256", sha256);
    context.provenance("onnxBinaryLayers", binary);
    context
        .log()
        .info(
            "onnx: imported '"
                + net.name()
                + "' from "
                + file
                + " ("
                + net.nodes().size()
                + " nodes, binary layers "
                + binary
                + ")");
    if (initial.isPresent()) {
      context
          .log()
          .info("onnx: the model stage's network is not used; the imported one replaces it");
    }
    return net;
  }

  static Path resolve(String path) {
    if (path.isBlank()) {
      throw new UserFacingException("the onnx trainer needs train.path: an .onnx file");
    }
    return resolve(path, "onnx");
  }

  /**
   * The file {@code path} names, relative to the checkout root when not absolute.
   *
   * @param plugin the trainer, for the message
   * @throws UserFacingException when it is not a file
   */
  static Path resolve(String path, String plugin) {
    Path given = Path.of(path);
    String home = System.getProperty(HOME_PROPERTY);
    Path file =
        given.isAbsolute() || home == null || home.isBlank() ? given : Path.of(home).resolve(given);
    file = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new UserFacingException(plugin + " path " + file + " is not a file");
    }
    return file;
  }

  /** Rejects a network whose input shape or class count differs from the dataset's, naming both. */
  static void checkFits(Network net, Path file, DatasetInfo info) {
    long[] expected = info.imageShape();
    if (!Arrays.equals(net.inputShape(), expected)) {
      throw new UserFacingException(
          file
              + ": the model takes input "
              + shape(net.inputShape())
              + " but dataset '"
              + info.name()
              + "' has images "
              + shape(expected));
    }
    long classes = NetworkForward.shapes(net).get(net.output())[0];
    if (classes != info.classes()) {
      throw new UserFacingException(
          file
              + ": output node '"
              + net.output()
              + "' gives "
              + classes
              + " class scores but dataset '"
              + info.name()
              + "' has "
              + info.classes()
              + " classes");
    }
  }

  private static String shape(long[] s) {
    return s[0] + "x" + s[1] + "x" + s[2];
  }

  /** A file's SHA-256 in hex, as {@code sha256sum} prints it. */
  static String sha256(Path file) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
