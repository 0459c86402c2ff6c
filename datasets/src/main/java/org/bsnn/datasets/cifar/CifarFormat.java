package org.bsnn.datasets.cifar;

import java.util.List;

/**
 * What distinguishes the two CIFAR binary releases (Krizhevsky 2009, "Learning multiple layers of
 * features from tiny images").
 *
 * @param id plugin id
 * @param folder the folder inside the official archive
 * @param archive the official archive's file name
 * @param url where the archive is downloaded
 * @param trainFiles training files inside {@code folder}
 * @param trainRecords records per training file in the official release
 * @param testFile test file inside {@code folder}
 * @param testRecords records in the official test file
 * @param labelBytes label bytes per record
 */
record CifarFormat(
    String id,
    String folder,
    String archive,
    String url,
    List<String> trainFiles,
    int trainRecords,
    String testFile,
    int testRecords,
    int labelBytes) {

  static final CifarFormat CIFAR10 =
      new CifarFormat(
          "cifar10",
          "cifar-10-batches-bin",
          "cifar-10-binary.tar.gz",
          "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz",
          List.of(
              "data_batch_1.bin",
              "data_batch_2.bin",
              "data_batch_3.bin",
              "data_batch_4.bin",
              "data_batch_5.bin"),
          10000,
          "test_batch.bin",
          10000,
          1);

  static final CifarFormat CIFAR100 =
      new CifarFormat(
          "cifar100",
          "cifar-100-binary",
          "cifar-100-binary.tar.gz",
          "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz",
          List.of("train.bin"),
          50000,
          "test.bin",
          10000,
          2);

  /** Training files then the test file. */
  List<String> allFiles() {
    java.util.ArrayList<String> l = new java.util.ArrayList<>(trainFiles);
    l.add(testFile);
    return l;
  }
}
