package org.bsnn.plugins.interop;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bsnn.api.fuzz.FuzzFiles;
import org.bsnn.api.util.UserFacingException;

/**
 * Fuzzes the model importers of {@code bsnn import} and the onnx/pytorch trainers: ONNX protobuf
 * models (with binary-weight recognition on, the longer path) and PyTorch state_dicts (the zip
 * format and the legacy pickle stream). A result or a {@link UserFacingException} (exit code 2;
 * {@link OnnxImportException} is one) is fine; any other throwable is a bug in the importer. Seeds
 * and found crashes: {@code src/test/resources/org/bsnn/plugins/interop/InteropFuzzTestInputs/
 * <method>/}.
 */
class InteropFuzzTest {

  @FuzzTest(maxDuration = "45s")
  void onnx(byte[] data) {
    try {
      OnnxImporter.importBytes(data, "fuzz.onnx", "fuzz", true);
    } catch (UserFacingException expected) {
      // a clear message for a bad file: the outcome the CLI maps to exit code 2
    }
  }

  @FuzzTest(maxDuration = "45s")
  void pytorch(byte[] data) {
    try {
      PyTorchStateDict.read(FuzzFiles.write("fuzz.pt", data));
    } catch (UserFacingException expected) {
      // as above
    }
  }
}
