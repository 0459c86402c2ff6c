package org.bsnn.api.network;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bsnn.api.fuzz.FuzzFiles;
import org.bsnn.api.util.UserFacingException;

/**
 * Fuzzes the {@code .npy} reader (any tensor of a saved network, {@code bsnn import}). A result or
 * a {@link UserFacingException} (exit code 2) is fine; any other throwable is a bug in the reader.
 * Seeds and found crashes: {@code src/test/resources/org/bsnn/api/network/NpyFuzzTestInputs/}.
 */
class NpyFuzzTest {

  @FuzzTest(maxDuration = "45s")
  void read(byte[] data) {
    try {
      Npy.read(FuzzFiles.write("fuzz.npy", data)).close();
    } catch (UserFacingException expected) {
      // a clear message for a bad file: the outcome the CLI maps to exit code 2
    }
  }
}
