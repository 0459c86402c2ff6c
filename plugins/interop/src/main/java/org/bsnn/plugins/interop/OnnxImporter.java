package org.bsnn.plugins.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import onnx.Onnx;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkForward;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * Reads an ONNX model (as PyTorch's {@code torch.onnx.export} writes it) into the network IR. The
 * file is parsed with the generated ONNX protobuf classes that ship in nd4j-api; the graph is
 * mapped by {@link OnnxGraphMapper}. Everything the IR cannot express is refused with an {@link
 * OnnxImportException} naming the file and the node.
 */
public final class OnnxImporter {

  private OnnxImporter() {}

  /**
   * Imports {@code file}.
   *
   * @param binary recognise conv and dense layers whose weights per output are exactly ±alpha as
   *     binary weights; {@code false} keeps every layer full precision
   * @return the network, named after the file (without {@code .onnx}), validated by {@link
   *     NetworkForward#shapes}
   * @throws OnnxImportException when the file is missing, not an ONNX model, or holds something the
   *     IR cannot express
   */
  public static Network importFile(Path file, boolean binary) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new OnnxImportException(file + ": no such file", e);
    } catch (IOException e) {
      throw new OnnxImportException(file + ": cannot read the file: " + e.getMessage(), e);
    }
    return importBytes(bytes, file.toString(), networkName(file), binary);
  }

  /**
   * Imports a model held in memory.
   *
   * @param where how messages name the model (usually its file)
   * @param name the network's name
   */
  static Network importBytes(byte[] bytes, String where, String name, boolean binary) {
    Onnx.ModelProto model;
    try {
      model = Onnx.ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new OnnxImportException(
          where + ": not an ONNX model: " + e.getMessage() + " (truncated or corrupt file?)", e);
    }
    if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 || model.getIrVersion() <= 0) {
      throw new OnnxImportException(
          where
              + ": not an ONNX model: "
              + (model.getIrVersion() <= 0 ? "no IR version" : "no graph nodes")
              + " (an empty, truncated or unrelated file?)");
    }
    Network net = new OnnxGraphMapper(where, binary).map(model.getGraph(), name);
    try {
      NetworkForward.shapes(net);
    } catch (IllegalArgumentException e) {
      throw new OnnxImportException(where + ": " + e.getMessage());
    }
    return net;
  }

  private static String networkName(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".onnx") ? n.substring(0, n.length() - 5) : n;
  }
}
