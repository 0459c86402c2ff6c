package org.bsnn.plugins.interop;

import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.network.Network;
import org.bsnn.api.network.NetworkImporter;

/** ONNX models for {@code bsnn import}: {@link OnnxImporter} behind the API's importer service. */
public final class OnnxNetworkImporter implements NetworkImporter {

  @Override
  public String format() {
    return "onnx";
  }

  @Override
  public List<String> extensions() {
    return List.of(".onnx");
  }

  @Override
  public Network read(Path file, boolean binary) {
    return OnnxImporter.importFile(file, binary);
  }
}
