package org.bsnn.datasets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training augmentation for small images, as torchvision's {@code RandomCrop(size, padding,
 * fill=0)} followed by {@code RandomHorizontalFlip()}: pad each side with {@code padding} black
 * pixels (value 0 before normalization), crop a random window of the original size, and mirror it
 * left-right with probability 1/2. Evaluation never uses it.
 *
 * @param padding pixels of zero padding on each side; 0 disables the random crop
 * @param flip whether to flip horizontally with probability 1/2
 */
public record PadCropFlip(int padding, boolean flip) {

  /** No augmentation. */
  public static final PadCropFlip NONE = new PadCropFlip(0, false);

  /** Validates the padding. */
  public PadCropFlip {
    if (padding < 0) {
      throw new IllegalArgumentException("crop padding must be >= 0 pixels, got " + padding);
    }
  }

  /** True when it changes nothing. */
  public boolean isNone() {
    return padding == 0 && !flip;
  }

  /** The provenance entry. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("randomCropPadding", padding);
    m.put("randomCropFill", "0 (black, before normalization)");
    m.put("horizontalFlip", flip ? "probability 0.5" : "off");
    return m;
  }
}
