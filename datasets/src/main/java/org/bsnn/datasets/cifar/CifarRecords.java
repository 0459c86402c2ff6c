package org.bsnn.datasets.cifar;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.datasets.ByteImages;
import org.bsnn.datasets.ClassLabels;

/**
 * The images of one or more CIFAR binary files, memory-mapped: nothing is copied onto the Java heap
 * and the operating system pages records in as batches need them.
 *
 * <p>A record is {@code labelBytes} label bytes followed by 3 × 32 × 32 pixel bytes (the red plane,
 * then green, then blue, each row-major), i.e. already [c][h][w].
 */
public final class CifarRecords extends ByteImages {

  /** Pixel bytes per record. */
  public static final int PIXELS = 3 * 32 * 32;

  private final MappedByteBuffer[] buffers;
  private final int[] starts;
  private final int count;
  private final int recordLength;
  private final int labelIndex;
  private final int labelBytes;

  /**
   * Maps and checks the files.
   *
   * @param labelBytes label bytes per record (1 for CIFAR-10, 2 for CIFAR-100)
   * @param labelIndex which label byte is the class (CIFAR-100: 0 coarse, 1 fine)
   * @param classes labels must be below this
   * @param expectedRecords per file, or null to accept any whole number of records
   */
  public CifarRecords(
      List<Path> files, int labelBytes, int labelIndex, int classes, int[] expectedRecords) {
    super(3, 32, 32);
    this.labelBytes = labelBytes;
    this.labelIndex = labelIndex;
    this.recordLength = labelBytes + PIXELS;
    this.buffers = new MappedByteBuffer[files.size()];
    this.starts = new int[files.size() + 1];
    int total = 0;
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      long length;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        length = ch.size();
        if (length > Integer.MAX_VALUE) {
          throw new DataUnavailableException(
              file + ": " + length + " bytes is too large for a CIFAR batch file");
        }
        buffers[f] = ch.map(FileChannel.MapMode.READ_ONLY, 0, length);
      } catch (IOException e) {
        throw new DataUnavailableException(
            "cannot read CIFAR file " + file + ": " + org.bsnn.api.util.IoErrors.describe(e), e);
      }
      if (length == 0 || length % recordLength != 0) {
        long whole = length / recordLength;
        throw new DataUnavailableException(
            file
                + ": wrong length "
                + length
                + " bytes: not a whole number of "
                + recordLength
                + "-byte records ("
                + labelBytes
                + " label byte(s) + 3072 pixels); record "
                + whole
                + " at byte offset "
                + whole * recordLength
                + " is incomplete (truncated or not a CIFAR binary file)");
      }
      int n = (int) (length / recordLength);
      if (expectedRecords != null && n != expectedRecords[f]) {
        throw new DataUnavailableException(
            file
                + ": "
                + n
                + " records, the official file has "
                + expectedRecords[f]
                + " (truncated or a different file; set checkCounts: false to read files of other sizes)");
      }
      byte[] labels = new byte[n];
      for (int i = 0; i < n; i++) {
        labels[i] = buffers[f].get(i * recordLength + labelIndex);
      }
      ClassLabels.requireBelow(
          new ClassLabels.LabelFile(file, labels, labelIndex, recordLength), classes);
      starts[f] = total;
      total += n;
    }
    starts[files.size()] = total;
    this.count = total;
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public int label(int index) {
    int f = file(index);
    return buffers[f].get((index - starts[f]) * recordLength + labelIndex) & 0xff;
  }

  @Override
  protected void raw(int index, byte[] dst) {
    int f = file(index);
    buffers[f].get((index - starts[f]) * recordLength + labelBytes, dst, 0, PIXELS);
  }

  private int file(int index) {
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException(index);
    }
    int f = 0;
    while (index >= starts[f + 1]) {
      f++;
    }
    return f;
  }
}
