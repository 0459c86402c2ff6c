package org.bsnn.api.network;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.bsnn.api.fuzz.FuzzFiles;
import org.bsnn.api.util.UserFacingException;

/**
 * Fuzzes {@code network.json} of a saved network ({@link NetworkIO#load}, {@code bsnn import}): the
 * fuzzer writes the JSON, next to the tensors of {@link NetworkIOTest#everyLayer()} saved once, so
 * mutations reach node types, attributes, shapes and tensor references. A network or a {@link
 * UserFacingException} (exit code 2) is fine; any other throwable is a bug in the reader. Seeds
 * (JSON for those tensors) and found crashes: {@code
 * src/test/resources/org/bsnn/api/network/NetworkIOFuzzTestInputs/load/}.
 */
class NetworkIOFuzzTest {

  private static final Path DIR = savedNetwork();

  @FuzzTest(maxDuration = "45s")
  void load(byte[] json) {
    FuzzFiles.write("network/" + NetworkIO.JSON, json);
    try {
      NetworkIO.load(DIR);
    } catch (UserFacingException expected) {
      // a clear message for a bad file: the outcome the CLI maps to exit code 2
    }
  }

  private static Path savedNetwork() {
    Path dir = FuzzFiles.dir("network");
    NetworkIO.save(NetworkIOTest.everyLayer(), dir);
    return dir;
  }
}
