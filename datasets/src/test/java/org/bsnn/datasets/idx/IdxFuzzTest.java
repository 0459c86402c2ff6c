package org.bsnn.datasets.idx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bsnn.api.fuzz.FuzzFiles;
import org.bsnn.api.util.UserFacingException;

/**
 * Fuzzes the IDX readers (MNIST-style image and label files, raw or gzip, as the {@code idx}
 * dataset reads them). A result or a {@link UserFacingException} (exit code 2) is fine; any other
 * throwable is a bug in the reader. Seeds (raw and gzip files) and found crashes: {@code
 * src/test/resources/org/bsnn/datasets/idx/IdxFuzzTestInputs/<method>/}.
 */
class IdxFuzzTest {

  @FuzzTest(maxDuration = "45s")
  void images(byte[] data) {
    try {
      IdxFile.readImages(FuzzFiles.write("images.idx", data));
    } catch (UserFacingException expected) {
      // a clear message for a bad file: the outcome the CLI maps to exit code 2
    }
  }

  @FuzzTest(maxDuration = "45s")
  void labels(byte[] data) {
    try {
      IdxFile.readLabels(FuzzFiles.write("labels.idx", data));
    } catch (UserFacingException expected) {
      // as above
    }
  }
}
