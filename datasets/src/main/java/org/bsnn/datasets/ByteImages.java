package org.bsnn.datasets;

import java.util.SplittableRandom;

/**
 * Images stored as unsigned bytes in [c][h][w] order (IDX, CIFAR, generated), preprocessed on
 * demand through a per-channel lookup table, with {@link PadCropFlip} augmentation.
 */
public abstract class ByteImages implements ImageLoader {

  private final int channels;
  private final int height;
  private final int width;
  private float[][] table;
  private PadCropFlip augmentation = PadCropFlip.NONE;

  /** Sets the per-image shape. */
  protected ByteImages(int channels, int height, int width) {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "bad image shape " + channels + "x" + height + "x" + width);
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
  }

  /** Copies the raw bytes of image {@code index}, c*h*w of them, into {@code dst}. */
  protected abstract void raw(int index, byte[] dst);

  /** Sets the normalization; must be called before images are loaded. */
  public ByteImages normalize(Normalization normalization) {
    if (normalization.channels() != channels) {
      throw new IllegalArgumentException(
          "normalization has " + normalization.channels() + " channels, images have " + channels);
    }
    this.table = normalization.byteTable();
    return this;
  }

  /** Sets the training augmentation (default none). */
  public ByteImages augment(PadCropFlip augmentation) {
    this.augmentation = augmentation;
    return this;
  }

  /**
   * Per-channel sums for normalization statistics over images [from, to): [sum x, sum x², count]
   * with x = byte/255.
   */
  public double[][] channelSums(int from, int to) {
    double[][] sums = new double[channels][3];
    byte[] buf = new byte[channels * height * width];
    int plane = height * width;
    for (int i = from; i < to; i++) {
      raw(i, buf);
      for (int c = 0; c < channels; c++) {
        long s = 0;
        long s2 = 0;
        for (int p = c * plane, end = p + plane; p < end; p++) {
          int v = buf[p] & 0xff;
          s += v;
          s2 += v * v;
        }
        sums[c][0] += s / 255.0;
        sums[c][1] += s2 / (255.0 * 255.0);
        sums[c][2] += plane;
      }
    }
    return sums;
  }

  @Override
  public int channels() {
    return channels;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public void load(int index, float[] dst, int offset) {
    float[][] t = table();
    byte[] buf = new byte[channels * height * width];
    raw(index, buf);
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      float[] tc = t[c];
      int base = c * plane;
      for (int p = 0; p < plane; p++) {
        dst[offset + base + p] = tc[buf[base + p] & 0xff];
      }
    }
  }

  @Override
  public void loadAugmented(int index, float[] dst, int offset, SplittableRandom random) {
    if (augmentation.isNone()) {
      load(index, dst, offset);
      return;
    }
    float[][] t = table();
    byte[] buf = new byte[channels * height * width];
    raw(index, buf);
    int pad = augmentation.padding();
    // offsets of the crop window in the padded image, then the flip: always drawn in this order
    int oy = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
    int ox = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
    boolean flip = augmentation.flip() && random.nextBoolean();
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      float[] tc = t[c];
      float fill = tc[0];
      int base = c * plane;
      for (int y = 0; y < height; y++) {
        int sy = y + oy;
        int out = offset + base + y * width;
        if (sy < 0 || sy >= height) {
          java.util.Arrays.fill(dst, out, out + width, fill);
          continue;
        }
        int row = base + sy * width;
        for (int x = 0; x < width; x++) {
          int sx = (flip ? width - 1 - x : x) + ox;
          dst[out + x] = sx < 0 || sx >= width ? fill : tc[buf[row + sx] & 0xff];
        }
      }
    }
  }

  private float[][] table() {
    if (table == null) {
      throw new IllegalStateException(
          "normalize(...) was not called on " + getClass().getSimpleName());
    }
    return table;
  }

  /** Images held in one byte array, labels in another (IDX files, generated data). */
  public static final class InMemory extends ByteImages {
    private final byte[] pixels;
    private final byte[] labels;
    private final int length;

    /**
     * @param pixels n × c × h × w bytes, image after image
     * @param labels n labels, unsigned
     */
    public InMemory(byte[] pixels, byte[] labels, int channels, int height, int width) {
      super(channels, height, width);
      this.length = channels * height * width;
      if ((long) labels.length * length != pixels.length) {
        throw new IllegalArgumentException(
            pixels.length + " pixel bytes are not " + labels.length + " images of " + length);
      }
      this.pixels = pixels;
      this.labels = labels;
    }

    @Override
    public int size() {
      return labels.length;
    }

    @Override
    public int label(int index) {
      return labels[index] & 0xff;
    }

    @Override
    protected void raw(int index, byte[] dst) {
      System.arraycopy(pixels, index * length, dst, 0, length);
    }
  }
}
