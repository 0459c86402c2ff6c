package org.bsnn.api.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Reads a network saved by another framework (e.g. an ONNX model) into the IR. Implementations live
 * in plugin modules and are found with {@link ServiceLoader} ({@code
 * META-INF/services/org.bsnn.api.network.NetworkImporter}), so the command line imports files
 * without knowing any plugin class.
 */
public interface NetworkImporter {

  /** The format's name, e.g. "onnx". */
  String format();

  /** The file-name endings this importer reads, lower case with the dot, e.g. ".onnx". */
  List<String> extensions();

  /**
   * Reads {@code file}.
   *
   * @param binary recognise layers whose weights per output are exactly ±alpha as {@link
   *     Weights.Binary}; {@code false} keeps every layer full precision
   * @return the network, valid for {@link NetworkForward#shapes}
   * @throws org.bsnn.api.util.UserFacingException naming the file (and node) when the file cannot
   *     be imported
   */
  Network read(Path file, boolean binary);

  /** The importers visible to {@code loader}, in discovery order. */
  static List<NetworkImporter> discover(ClassLoader loader) {
    List<NetworkImporter> out = new ArrayList<>();
    ServiceLoader.load(NetworkImporter.class, loader).forEach(out::add);
    return out;
  }
}
