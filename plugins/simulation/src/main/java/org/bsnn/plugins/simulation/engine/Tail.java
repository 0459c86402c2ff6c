package org.bsnn.plugins.simulation.engine;

/**
 * What follows the weighted op of a fast projection: optional average pooling. Values are in C
 * order (CHW) before and after; a flatten that follows changes nothing in C order. The weighted
 * op's output already has scale and bias applied.
 *
 * <p>Average pooling reproduces ND4J's float arithmetic exactly: each window is summed in float,
 * row by row from its top-left value, and the sum is divided by the window size (checked against
 * {@code LayerOps} in {@code TailTest}, also for a 3x3 window whose division rounds).
 */
final class Tail {

  private final int outChannels;
  private final int height;
  private final int width;
  private final int poolKernel; // 0: no pooling
  private final int poolStride;
  private final int pooledHeight;
  private final int pooledWidth;

  /**
   * @param outChannels O
   * @param height OH of the weighted op's output (1 for dense)
   * @param width OW of the weighted op's output (1 for dense)
   * @param poolKernel average pooling window, 0 for none
   * @param poolStride average pooling stride
   */
  Tail(int outChannels, int height, int width, int poolKernel, int poolStride) {
    this.outChannels = outChannels;
    this.height = height;
    this.width = width;
    this.poolKernel = poolKernel;
    this.poolStride = poolStride;
    this.pooledHeight = poolKernel == 0 ? height : (height - poolKernel) / poolStride + 1;
    this.pooledWidth = poolKernel == 0 ? width : (width - poolKernel) / poolStride + 1;
  }

  /** Whether the weighted op writes straight into the target (no pooling). */
  boolean direct() {
    return poolKernel == 0;
  }

  /** Values the weighted op produces per sample, O*OH*OW. */
  int size() {
    return outChannels * height * width;
  }

  /** Values the target receives per sample. */
  int outSize() {
    return outChannels * pooledHeight * pooledWidth;
  }

  /**
   * Pools one channel: {@code row} holds channel {@code o} of the weighted op's output (one plane,
   * from index 0); its pooled plane is written to (or added to) {@code out}.
   */
  void emitChannel(float[] row, int o, float[] out, boolean accumulate) {
    int k = poolKernel;
    float divisor = k * k;
    int pooledPlane = pooledHeight * pooledWidth;
    int outBase = o * pooledPlane;
    if (k == 2 && poolStride == 2) {
      for (int py = 0; py < pooledHeight; py++) {
        int r0 = 2 * py * width;
        int r1 = r0 + width;
        int at = outBase + py * pooledWidth;
        for (int px = 0; px < pooledWidth; px++) {
          float s = 0f;
          s += row[r0 + 2 * px];
          s += row[r0 + 2 * px + 1];
          s += row[r1 + 2 * px];
          s += row[r1 + 2 * px + 1];
          if (accumulate) {
            out[at + px] += s / divisor;
          } else {
            out[at + px] = s / divisor;
          }
        }
      }
      return;
    }
    for (int py = 0; py < pooledHeight; py++) {
      for (int px = 0; px < pooledWidth; px++) {
        float s = 0f;
        for (int ky = 0; ky < k; ky++) {
          int r = (py * poolStride + ky) * width + px * poolStride;
          for (int kx = 0; kx < k; kx++) {
            s += row[r + kx];
          }
        }
        int at = outBase + py * pooledWidth + px;
        if (accumulate) {
          out[at] += s / divisor;
        } else {
          out[at] = s / divisor;
        }
      }
    }
  }

  /**
   * Pools values held per position ({@code rows[y * width + x][o]}, channels contiguous) into
   * {@code out} (C order), adding when {@code accumulate}; each window is summed in the same order
   * as {@link #emit}, vectorised over channels. {@code sum} is scratch of at least O floats.
   */
  void emitChannelsLast(float[][] rows, float[] sum, float[] out, boolean accumulate) {
    emitChannelsLast(rows, null, sum, out, accumulate);
  }

  /**
   * {@link #emitChannelsLast(float[][], float[], float[], boolean)} from one flat array: position p
   * at {@code p * O}.
   */
  void emitChannelsLast(float[] flat, float[] sum, float[] out, boolean accumulate) {
    emitChannelsLast(null, flat, sum, out, accumulate);
  }

  private void emitChannelsLast(
      float[][] rows, float[] flat, float[] sum, float[] out, boolean accumulate) {
    int k = poolKernel;
    float divisor = k * k;
    int pooledPlane = pooledHeight * pooledWidth;
    int o = outChannels;
    for (int py = 0; py < pooledHeight; py++) {
      for (int px = 0; px < pooledWidth; px++) {
        java.util.Arrays.fill(sum, 0, o, 0f);
        for (int ky = 0; ky < k; ky++) {
          int r = (py * poolStride + ky) * width + px * poolStride;
          for (int kx = 0; kx < k; kx++) {
            if (rows != null) {
              Loops.addRow(sum, rows[r + kx], o);
            } else {
              Loops.addRow(sum, 0, flat, (r + kx) * o, o);
            }
          }
        }
        int at = py * pooledWidth + px;
        if (accumulate) {
          for (int c = 0; c < o; c++) {
            out[c * pooledPlane + at] += sum[c] / divisor;
          }
        } else {
          for (int c = 0; c < o; c++) {
            out[c * pooledPlane + at] = sum[c] / divisor;
          }
        }
      }
    }
  }

  /** Pools {@code in} into {@code out}, adding to it when {@code accumulate}. */
  void emit(float[] in, float[] out, boolean accumulate) {
    int k = poolKernel;
    float divisor = k * k;
    int plane = height * width;
    int pooledPlane = pooledHeight * pooledWidth;
    if (k == 2 && poolStride == 2) {
      // the usual 2x2 window, same order: (0,0), (0,1), (1,0), (1,1)
      for (int o = 0; o < outChannels; o++) {
        int inBase = o * plane;
        int outBase = o * pooledPlane;
        for (int py = 0; py < pooledHeight; py++) {
          int r0 = inBase + 2 * py * width;
          int r1 = r0 + width;
          int at = outBase + py * pooledWidth;
          if (accumulate) {
            for (int px = 0; px < pooledWidth; px++) {
              float s = 0f;
              s += in[r0 + 2 * px];
              s += in[r0 + 2 * px + 1];
              s += in[r1 + 2 * px];
              s += in[r1 + 2 * px + 1];
              out[at + px] += s / divisor;
            }
          } else {
            for (int px = 0; px < pooledWidth; px++) {
              float s = 0f;
              s += in[r0 + 2 * px];
              s += in[r0 + 2 * px + 1];
              s += in[r1 + 2 * px];
              s += in[r1 + 2 * px + 1];
              out[at + px] = s / divisor;
            }
          }
        }
      }
      return;
    }
    for (int o = 0; o < outChannels; o++) {
      int inBase = o * plane;
      int outBase = o * pooledPlane;
      for (int py = 0; py < pooledHeight; py++) {
        for (int px = 0; px < pooledWidth; px++) {
          float s = 0f;
          for (int ky = 0; ky < k; ky++) {
            int row = inBase + (py * poolStride + ky) * width + px * poolStride;
            for (int kx = 0; kx < k; kx++) {
              s += in[row + kx];
            }
          }
          int at = outBase + py * pooledWidth + px;
          if (accumulate) {
            out[at] += s / divisor;
          } else {
            out[at] = s / divisor;
          }
        }
      }
    }
  }
}
