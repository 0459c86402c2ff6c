package org.bsnn.plugins.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bsnn.api.data.DatasetInfo;
import org.bsnn.api.util.UserFacingException;

/**
 * A VGG-style layer list written as text, e.g. {@code c32-c32p-c64-c64p-fc256-fc10}: {@code cN} is
 * a 3x3 convolution (stride 1, padding 1) with N output channels, a trailing {@code p} adds 2x2
 * pooling after it, {@code fcN} is a fully connected layer with N outputs. Convolutions come first;
 * the last entry is the fully connected classifier, whose size must equal the class count.
 *
 * @param layers the parsed entries in order
 */
public record VggSpec(List<Entry> layers) {

  private static final Pattern TOKEN = Pattern.compile("(c|fc)([0-9]+)(p?)");

  /**
   * One layer of the spec.
   *
   * @param conv true for a 3x3 convolution, false for a fully connected layer
   * @param width output channels or neurons, at least 1
   * @param pool whether 2x2 pooling follows (convolutions only)
   */
  public record Entry(boolean conv, int width, boolean pool) {}

  /** Copies the list. */
  public VggSpec {
    layers = List.copyOf(layers);
  }

  /**
   * Parses {@code layers} for a dataset and requires its classifier to have one output per class.
   *
   * @param model the model's id, for the message
   * @throws UserFacingException naming the spec, both counts and the fix
   */
  public static VggSpec parseFor(String model, String layers, DatasetInfo data) {
    VggSpec spec = parse(layers);
    if (spec.classes() != data.classes()) {
      throw new UserFacingException(
          model
              + ": the classifier of layers '"
              + layers
              + "' has "
              + spec.classes()
              + " outputs but dataset '"
              + data.name()
              + "' has "
              + data.classes()
              + " classes; end model.layers with fc"
              + data.classes());
    }
    return spec;
  }

  /**
   * Parses a spec.
   *
   * @throws IllegalArgumentException naming the bad entry and the grammar
   */
  public static VggSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "layers must not be empty; e.g. c32-c32p-c64-c64p-fc256-fc10");
    }
    List<Entry> entries = new ArrayList<>();
    boolean seenFc = false;
    for (String token : text.trim().toLowerCase(Locale.ROOT).split("-")) {
      Matcher m = TOKEN.matcher(token);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "layers entry '"
                + token
                + "' in '"
                + text
                + "' is not cN (3x3 conv), cNp (conv + 2x2 pool) or fcN (fully connected)");
      }
      boolean conv = m.group(1).equals("c");
      int width;
      try {
        width = Integer.parseInt(m.group(2));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "layers entry '" + token + "' has a width out of range", e);
      }
      if (width < 1) {
        throw new IllegalArgumentException(
            "layers entry '" + token + "' needs a width of at least 1");
      }
      if (!conv && !m.group(3).isEmpty()) {
        throw new IllegalArgumentException(
            "layers entry '" + token + "': pooling ('p') follows convolutions only");
      }
      if (conv && seenFc) {
        throw new IllegalArgumentException(
            "layers entry '"
                + token
                + "' in '"
                + text
                + "': convolutions must come before the fully connected layers");
      }
      seenFc |= !conv;
      entries.add(new Entry(conv, width, !m.group(3).isEmpty()));
    }
    if (entries.get(entries.size() - 1).conv()) {
      throw new IllegalArgumentException(
          "layers '" + text + "' must end with the classifier fcN (N = classes)");
    }
    return new VggSpec(entries);
  }

  /** Output count of the last (classifier) layer. */
  int classes() {
    return layers.get(layers.size() - 1).width();
  }
}
