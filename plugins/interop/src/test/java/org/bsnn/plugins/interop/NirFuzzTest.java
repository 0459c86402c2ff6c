package org.bsnn.plugins.interop;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bsnn.api.fuzz.FuzzFiles;
import org.bsnn.api.util.UserFacingException;

/**
 * Fuzzes the NIR reader of {@code bsnn import} and {@code --network x.nir}: the bytes of a .nir
 * (HDF5) file through {@link NirFormat#read}, i.e. jHDF's parsing, the graph layout and the
 * importer. A network or a {@link UserFacingException} (exit code 2) is fine; anything else,
 * including an {@link OutOfMemoryError} from a size declared in a corrupt header, is a bug. Seeds
 * (a small exported network) and found crashes: {@code
 * src/test/resources/org/bsnn/plugins/interop/NirFuzzTestInputs/read/}.
 */
class NirFuzzTest {

  private final NirFormat nir = new NirFormat();

  @FuzzTest(maxDuration = "45s")
  void read(byte[] data) {
    try {
      nir.read(FuzzFiles.write("fuzz.nir", data), true);
    } catch (UserFacingException expected) {
      // a clear message for a bad file: the outcome the CLI maps to exit code 2
    }
  }
}
