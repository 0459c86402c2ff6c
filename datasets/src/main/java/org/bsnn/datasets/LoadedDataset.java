package org.bsnn.datasets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;

/**
 * A dataset built from a training loader and a test loader with the common split options: the
 * validation split is the last {@code validation} images of the training file, the training split
 * the first {@code trainLimit} (0 = all) of the rest, the test split the first {@code testLimit} (0
 * = all) of the test file.
 */
public final class LoadedDataset implements Dataset {

  private final DatasetInfo info;
  private final LoaderSplit train;
  private final LoaderSplit validation;
  private final LoaderSplit test;

  private LoadedDataset(
      DatasetInfo info, LoaderSplit train, LoaderSplit validation, LoaderSplit test) {
    this.info = info;
    this.train = train;
    this.validation = validation;
    this.test = test;
  }

  /**
   * Splits the loaders.
   *
   * @param validation images held out from the end of the training file, >= 0
   * @param trainLimit training images kept (0 = all)
   * @param testLimit test images kept (0 = all)
   * @throws org.bsnn.api.util.UserFacingException when the validation split would leave no training
   *     image
   */
  public static LoadedDataset of(
      DatasetInfo info,
      ImageLoader trainFile,
      ImageLoader testFile,
      int validation,
      int trainLimit,
      int testLimit) {
    int n = trainFile.size();
    if (validation >= n) {
      throw new org.bsnn.api.util.UserFacingException(
          info.name()
              + ": validation = "
              + validation
              + " leaves no training image (the training file has "
              + n
              + ")");
    }
    LoaderSplit trainAll = new LoaderSplit(trainFile, 0, n - validation);
    LoaderSplit val = validation > 0 ? new LoaderSplit(trainFile, n - validation, n) : null;
    LoaderSplit tr =
        trainLimit > 0 ? trainAll.range(0, Math.min(trainLimit, trainAll.size())) : trainAll;
    LoaderSplit te = LoaderSplit.all(testFile);
    te = testLimit > 0 ? te.range(0, Math.min(testLimit, te.size())) : te;
    return new LoadedDataset(info, tr, val, te);
  }

  @Override
  public DatasetInfo info() {
    return info;
  }

  @Override
  public LoaderSplit train() {
    return train;
  }

  @Override
  public Optional<DataSplit> validation() {
    return Optional.ofNullable(validation);
  }

  @Override
  public LoaderSplit test() {
    return test;
  }

  /** The provenance entry "splits": image counts of train, validation (0 when none) and test. */
  public Map<String, Object> splitSizes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("train", train.size());
    m.put("validation", validation == null ? 0 : validation.size());
    m.put("test", test.size());
    return m;
  }

  @Override
  public String toString() {
    return info.name()
        + " (train "
        + train.size()
        + ", validation "
        + (validation == null ? 0 : validation.size())
        + ", test "
        + test.size()
        + ")";
  }
}
