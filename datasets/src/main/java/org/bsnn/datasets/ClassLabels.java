package org.bsnn.datasets;

import java.nio.file.Path;
import org.bsnn.api.data.DataUnavailableException;

/**
 * The one rule for class labels read from data files, used by every source: a label must lie below
 * the class count, and a class count inferred from the labels (largest label + 1) must leave no
 * class without a training example. Without the second rule a single corrupt label (200 in a
 * 10-class file) silently gives a network with 201 outputs.
 */
public final class ClassLabels {

  private ClassLabels() {}

  /**
   * The labels of one file and where each sits, for messages.
   *
   * @param file the file the labels were read from
   * @param labels one unsigned byte per record
   * @param firstOffset byte offset of record 0's label in the file (as stored, before gzip)
   * @param stride bytes from one record's label to the next
   */
  public record LabelFile(Path file, byte[] labels, long firstOffset, long stride) {

    /** The label of record {@code i}, 0..255. */
    public int label(int i) {
      return labels[i] & 0xff;
    }

    /** The byte offset of record {@code i}'s label. */
    public long offset(int i) {
      return firstOffset + i * stride;
    }

    /** {@code <file>: record i (label v at byte offset o)}. */
    String describe(int i) {
      return file + " record " + i + " (label " + label(i) + ", byte offset " + offset(i) + ")";
    }
  }

  /**
   * Throws unless every label is below {@code classes}, naming the file, the first bad record, its
   * value and byte offset.
   */
  public static void requireBelow(LabelFile file, int classes) {
    for (int i = 0; i < file.labels().length; i++) {
      int v = file.label(i);
      if (v >= classes) {
        throw new DataUnavailableException(
            file.file()
                + ": label "
                + v
                + " of record "
                + i
                + " (byte offset "
                + file.offset(i)
                + ") is out of range; this dataset has "
                + classes
                + " classes, labels 0.."
                + (classes - 1)
                + "; the label file is corrupt or belongs to another dataset");
      }
    }
  }

  /**
   * The class count the labels imply (largest label + 1), refused when some class in that range has
   * no training example: that happens when a label is corrupt, and the model would silently grow an
   * output per missing class.
   *
   * @param dataset the dataset's name, for messages
   * @param train the training labels (only these count as examples)
   * @param test the test labels (they widen the range too)
   * @throws DataUnavailableException naming the files, the count of empty classes and the first
   *     record that holds the largest label
   */
  public static int infer(String dataset, LabelFile train, LabelFile test) {
    long[] examples = new long[256];
    int max = 0;
    for (int i = 0; i < train.labels().length; i++) {
      examples[train.label(i)]++;
      max = Math.max(max, train.label(i));
    }
    for (int i = 0; i < test.labels().length; i++) {
      max = Math.max(max, test.label(i));
    }
    int classes = max + 1;
    int empty = 0;
    int largestWithExamples = -1;
    for (int c = 0; c < classes; c++) {
      if (examples[c] == 0) {
        empty++;
      } else {
        largestWithExamples = c;
      }
    }
    if (empty == 0) {
      return classes;
    }
    String where = firstWith(train, max);
    if (where == null) {
      where = firstWith(test, max);
    }
    throw new DataUnavailableException(
        dataset
            + ": labels 0.."
            + max
            + " in "
            + train.file()
            + " and "
            + test.file()
            + " imply "
            + classes
            + " classes but "
            + empty
            + " of them "
            + (empty == 1 ? "has" : "have")
            + " no training example; the largest label, "
            + max
            + ", first appears in "
            + where
            + ". Set `classes:` (e.g. classes: "
            + (largestWithExamples + 1)
            + ", which reports every label above it) or fix the label file");
  }

  private static String firstWith(LabelFile file, int label) {
    for (int i = 0; i < file.labels().length; i++) {
      if (file.label(i) == label) {
        return file.describe(i);
      }
    }
    return null;
  }
}
