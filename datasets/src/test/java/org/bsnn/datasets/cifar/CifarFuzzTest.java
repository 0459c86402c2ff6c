package org.bsnn.datasets.cifar;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import org.bsnn.api.fuzz.FuzzFiles;
import org.bsnn.api.util.UserFacingException;

/**
 * Fuzzes the CIFAR binary reader with the record layouts of both releases (CIFAR-10: one label
 * byte, CIFAR-100: coarse and fine label bytes), reading every label and image of a file it
 * accepts. A result or a {@link UserFacingException} (exit code 2) is fine; any other throwable is
 * a bug in the reader. Seeds (one-record files) and found crashes: {@code
 * src/test/resources/org/bsnn/datasets/cifar/CifarFuzzTestInputs/<method>/}.
 */
class CifarFuzzTest {

  @FuzzTest(maxDuration = "45s")
  void cifar10(byte[] data) {
    readAll(FuzzFiles.write("cifar10.bin", data), 1, 0, 10);
  }

  @FuzzTest(maxDuration = "45s")
  void cifar100(byte[] data) {
    readAll(FuzzFiles.write("cifar100.bin", data), 2, 1, 100);
  }

  private static void readAll(Path file, int labelBytes, int labelIndex, int classes) {
    CifarRecords records;
    try {
      records = new CifarRecords(List.of(file), labelBytes, labelIndex, classes, null);
    } catch (UserFacingException expected) {
      return; // a clear message for a bad file: the outcome the CLI maps to exit code 2
    }
    byte[] pixels = new byte[CifarRecords.PIXELS];
    for (int i = 0; i < records.size(); i++) {
      records.label(i);
      records.raw(i, pixels);
    }
  }
}
