package org.bsnn.api.contract;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.bsnn.api.data.DataSplit;
import org.bsnn.api.data.Dataset;
import org.bsnn.api.data.DatasetInfo;

/**
 * A {@link Dataset} of in-memory splits for plugin tests.
 *
 * @param info what the data is
 * @param train the training split
 * @param test the test split
 */
public record InMemoryDataset(DatasetInfo info, InMemoryDataSplit train, InMemoryDataSplit test)
    implements Dataset {

  /** Checks that both splits have the info's image shape. */
  public InMemoryDataset {
    Objects.requireNonNull(info);
    Objects.requireNonNull(train);
    Objects.requireNonNull(test);
    if (!java.util.Arrays.equals(info.imageShape(), train.imageShape())
        || !java.util.Arrays.equals(info.imageShape(), test.imageShape())) {
      throw new IllegalArgumentException("splits must have the dataset's image shape");
    }
  }

  /** A dataset named {@code name} with classes "c0".."c{classes-1}" and the splits' image shape. */
  public static InMemoryDataset of(
      String name, int classes, InMemoryDataSplit train, InMemoryDataSplit test) {
    long[] s = train.imageShape();
    DatasetInfo info =
        new DatasetInfo(
            name,
            (int) s[0],
            (int) s[1],
            (int) s[2],
            classNames(classes),
            Map.of(),
            Map.of("kind", "in-memory test data"));
    return new InMemoryDataset(info, train, test);
  }

  @Override
  public DataSplit calibration(int n) {
    return train.head(n);
  }

  /** Class names "c0".. for {@code classes} classes. */
  public static List<String> classNames(int classes) {
    return IntStream.range(0, classes).mapToObj(i -> "c" + i).toList();
  }
}
