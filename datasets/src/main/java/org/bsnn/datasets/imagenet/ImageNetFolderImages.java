package org.bsnn.datasets.imagenet;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.bsnn.api.data.DataUnavailableException;
import org.bsnn.datasets.ImageLoader;
import org.bsnn.datasets.Normalization;

/**
 * Decodes images on demand (JPEG/PNG through ImageIO), one batch at a time, so memory depends on
 * the batch size only.
 *
 * <p>Evaluation, as torchvision's {@code Resize(resize)} + {@code CenterCrop(crop)}: the shorter
 * side is scaled to {@code resize} and the central {@code crop} × {@code crop} window is taken
 * (computed as one resampling of the matching source window). Training, as {@code
 * RandomResizedCrop(crop, scale, ratio)} + {@code RandomHorizontalFlip()}: up to 10 tries to draw a
 * window of a random area fraction in [scaleMin, scaleMax] and a log-uniform aspect ratio in
 * [ratioMin, ratioMax] that fits the image, else the centre crop of the largest window within the
 * ratio range; resampled to crop × crop and mirrored with probability 1/2.
 */
final class ImageNetFolderImages implements ImageLoader {

  static {
    ImageIO.setUseCache(false);
  }

  private final ImageNetFolderIndex index;
  private final ImageNetFolderConfig config;
  private final float[] mean;
  private final float[] invStd;

  ImageNetFolderImages(ImageNetFolderIndex index, ImageNetFolderConfig config, Normalization norm) {
    this.index = index;
    this.config = config;
    this.mean = new float[3];
    this.invStd = new float[3];
    for (int c = 0; c < 3; c++) {
      mean[c] = (float) (norm.mean().get(c) * 255);
      invStd[c] = (float) (1 / (norm.std().get(c) * 255));
    }
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public int channels() {
    return 3;
  }

  @Override
  public int height() {
    return config.crop();
  }

  @Override
  public int width() {
    return config.crop();
  }

  @Override
  public int label(int i) {
    return index.classOf[i];
  }

  @Override
  public boolean parallel() {
    return true;
  }

  @Override
  public void load(int i, float[] dst, int offset) {
    Decoded img = decode(index.file(i));
    double s = (double) config.resize() / Math.min(img.w, img.h);
    double side = config.crop() / s;
    double x0 = (img.w - side) / 2;
    double y0 = (img.h - side) / 2;
    Resampler.resample(
        img.argb, img.w, img.h, x0, y0, side, side, config.crop(), config.crop(), dst, offset);
    normalize(dst, offset, false);
  }

  @Override
  public void loadAugmented(int i, float[] dst, int offset, SplittableRandom r) {
    Decoded img = decode(index.file(i));
    double area = (double) img.w * img.h;
    double logLo = Math.log(config.ratioMin());
    double logHi = Math.log(config.ratioMax());
    int cw = 0;
    int ch = 0;
    int x0 = 0;
    int y0 = 0;
    boolean found = false;
    for (int attempt = 0; attempt < 10 && !found; attempt++) {
      double target =
          area * (config.scaleMin() + r.nextDouble() * (config.scaleMax() - config.scaleMin()));
      double aspect = Math.exp(logLo + r.nextDouble() * (logHi - logLo));
      cw = (int) Math.round(Math.sqrt(target * aspect));
      ch = (int) Math.round(Math.sqrt(target / aspect));
      if (cw > 0 && ch > 0 && cw <= img.w && ch <= img.h) {
        y0 = r.nextInt(img.h - ch + 1);
        x0 = r.nextInt(img.w - cw + 1);
        found = true;
      }
    }
    if (!found) {
      double inRatio = (double) img.w / img.h;
      if (inRatio < config.ratioMin()) {
        cw = img.w;
        ch = (int) Math.round(cw / config.ratioMin());
      } else if (inRatio > config.ratioMax()) {
        ch = img.h;
        cw = (int) Math.round(ch * config.ratioMax());
      } else {
        cw = img.w;
        ch = img.h;
      }
      y0 = (img.h - ch) / 2;
      x0 = (img.w - cw) / 2;
    }
    boolean flip = config.flip() && r.nextBoolean();
    Resampler.resample(
        img.argb, img.w, img.h, x0, y0, cw, ch, config.crop(), config.crop(), dst, offset);
    normalize(dst, offset, flip);
  }

  private void normalize(float[] dst, int offset, boolean flip) {
    int w = config.crop();
    int plane = w * w;
    for (int c = 0; c < 3; c++) {
      int base = offset + c * plane;
      for (int p = 0; p < plane; p++) {
        dst[base + p] = (dst[base + p] - mean[c]) * invStd[c];
      }
      if (flip) {
        for (int y = 0; y < w; y++) {
          int row = base + y * w;
          for (int a = 0, b = w - 1; a < b; a++, b--) {
            float t = dst[row + a];
            dst[row + a] = dst[row + b];
            dst[row + b] = t;
          }
        }
      }
    }
  }

  private record Decoded(int[] argb, int w, int h) {}

  /**
   * Decodes any ImageIO-readable image into sRGB pixels; an unreadable one is an error naming it.
   */
  static Decoded decode(Path file) {
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new DataUnavailableException(
          "unreadable image "
              + file
              + ": "
              + e.getMessage()
              + " (corrupt, truncated or an unsupported variant such as CMYK JPEG; convert or remove it)",
          e);
    }
    if (img == null) {
      throw new DataUnavailableException(
          "unreadable image "
              + file
              + ": no ImageIO decoder recognises its content (not a JPEG or PNG?)");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    if (w <= 0 || h <= 0) {
      throw new DataUnavailableException("unreadable image " + file + ": size " + w + "x" + h);
    }
    return new Decoded(img.getRGB(0, 0, w, h, null, 0, w), w, h);
  }
}
