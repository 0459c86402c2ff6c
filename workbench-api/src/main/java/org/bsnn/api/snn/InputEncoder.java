package org.bsnn.api.snn;

import java.util.Objects;
import java.util.SplittableRandom;
import org.bsnn.api.data.Batch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one implementation of {@link Encoding}: what the first layer receives at every timestep.
 * Direct input is the image itself, the same current every timestep. Poisson input spikes with
 * probability {@code min(1, |x|)} per pixel and timestep, with the pixel's sign, drawn from the
 * sample's random stream in pixel order (C order).
 *
 * <p>Streams: {@link #perSample} gives sample i (its index in the split) the i-th {@code split()}
 * of the root, so a sample's draws depend neither on the batch size, nor on which other samples
 * stopped, nor on where a shard of the split begins. {@link #shared} draws every sample of every
 * batch from one stream in order (spike-based calibration).
 */
public final class InputEncoder {

  private final Encoding encoding;
  private final SplittableRandom random;
  private final boolean shared;
  private int
      streamsSplit; // per-sample streams handed out so far (sample indices 0 .. streamsSplit-1)

  private InputEncoder(Encoding encoding, SplittableRandom random, boolean shared) {
    this.encoding = Objects.requireNonNull(encoding, "encoding");
    this.random = Objects.requireNonNull(random, "random");
    this.shared = shared;
  }

  /**
   * Sample i draws from the i-th split of {@code root}; batches must come in increasing sample
   * order.
   */
  public static InputEncoder perSample(Encoding encoding, SplittableRandom root) {
    return new InputEncoder(encoding, root, false);
  }

  /** Every sample draws from {@code random}, batch after batch, sample after sample. */
  public static InputEncoder shared(Encoding encoding, SplittableRandom random) {
    return new InputEncoder(encoding, random, true);
  }

  /** The encoding implemented. */
  public Encoding encoding() {
    return encoding;
  }

  /**
   * The input of one batch.
   *
   * @param batch the images (not closed here)
   * @param first index in the split of the batch's first sample, not below that of an earlier
   *     batch's end
   */
  public BatchInput begin(Batch batch, int first) {
    if (encoding == Encoding.DIRECT) {
      return new BatchInput(batch.features(), null, null);
    }
    int n = batch.size();
    SplittableRandom[] streams = new SplittableRandom[n];
    if (shared) {
      java.util.Arrays.fill(streams, random);
    } else {
      if (first < streamsSplit) {
        throw new IllegalStateException(
            "sample "
                + first
                + " comes after sample "
                + (streamsSplit - 1)
                + ": batches must come in order");
      }
      for (; streamsSplit < first; streamsSplit++) {
        random.split(); // the streams of samples before this shard: skipped, so sample i keeps its
        // own
      }
      for (int i = 0; i < n; i++) {
        streams[i] = random.split();
      }
      streamsSplit += n;
    }
    float[] pixels;
    try (INDArray c = batch.features().dup('c')) {
      pixels = c.data().asFloat();
    }
    return new BatchInput(batch.features(), pixels, streams);
  }

  /** One batch's input; Poisson draws advance the samples' streams. */
  public static final class BatchInput {
    private final INDArray features;
    private final float[] pixels; // null: direct input
    private final SplittableRandom[] streams;
    private final long[] shape;

    private BatchInput(INDArray features, float[] pixels, SplittableRandom[] streams) {
      this.features = features;
      this.pixels = pixels;
      this.streams = streams;
      this.shape = features.shape().clone(); // shape() may be ND4J's own array
    }

    /**
     * The batch's constant input (direct encoding; not to be closed), or null when the input is
     * drawn every timestep.
     */
    public INDArray constant() {
      return pixels == null ? features : null;
    }

    /**
     * This timestep's spikes of the given samples (batch-local indices, in that order), as a new
     * array {@code [rows.length, c, h, w]}; with direct encoding, null.
     */
    public INDArray draw(int[] rows) {
      if (pixels == null) {
        return null;
      }
      int imageSize = pixels.length / streams.length;
      float[] values = new float[rows.length * imageSize];
      int k = 0;
      for (int i : rows) {
        SplittableRandom stream = streams[i];
        for (int j = i * imageSize, end = j + imageSize; j < end; j++) {
          float x = pixels[j];
          values[k++] = stream.nextDouble() < Math.min(1f, Math.abs(x)) ? Math.signum(x) : 0f;
        }
      }
      long[] s = shape.clone();
      s[0] = rows.length;
      return Nd4j.create(values, s, 'c');
    }
  }
}
