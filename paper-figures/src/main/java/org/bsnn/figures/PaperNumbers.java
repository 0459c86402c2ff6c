package org.bsnn.figures;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The known numbers of Lu and Sengupta (2020), "Exploring the Connection Between Binary and Spiking
 * Neural Networks", Front. Neurosci. 14:535, as docs/reproducing.md lists them. The paper's
 * binary-SNN accuracies and timestep counts are not available; the workbench produces them.
 */
public final class PaperNumbers {

  /** The citation printed under comparisons. */
  public static final String CITATION = "Lu & Sengupta (2020), Front. Neurosci. 14:535";

  /**
   * One row of the paper's known results, accuracies in percent.
   *
   * @param dataset display name, e.g. "CIFAR-100"
   * @param network display name, e.g. "VGG-15 (vgg15ab)"
   * @param fpAnn full-precision ANN top-1 accuracy
   * @param binaryAnn binary-weight ANN top-1 accuracy
   * @param fpSnn full-precision SNN accuracy, when known
   * @param fpSnnTimesteps the timesteps {@code fpSnn} was measured at, when known
   * @param note what else the paper says about the SNN
   */
  public record Row(
      String dataset,
      String network,
      double fpAnn,
      double binaryAnn,
      OptionalDouble fpSnn,
      OptionalInt fpSnnTimesteps,
      String note) {}

  /** CIFAR-100, VGG-15 with average pooling before ReLU. */
  public static final Row CIFAR100_VGG15 =
      new Row(
          "CIFAR-100",
          "VGG-15 (vgg15ab)",
          64.9,
          64.8,
          OptionalDouble.of(60.5),
          OptionalInt.of(80),
          "FP SNN 60.5 % at 80 timesteps (percentile 99.9, 3,500 calibration images), about 62 % with more timesteps");

  /** ImageNet, VGG-15 with average pooling before ReLU. */
  public static final Row IMAGENET_VGG15 =
      new Row(
          "ImageNet",
          "VGG-15 (vgg15ab)",
          69.05,
          64.4,
          OptionalDouble.empty(),
          OptionalInt.empty(),
          "SNN accuracy not available to us");

  /**
   * The paper's model and conversion settings, keyed as in {@link RunProvenance.Job#settings()}:
   * vgg15ab's pooling (average, before the ReLU) and dropout, layer-wise 99.9th-percentile
   * balancing on 3,500 calibration images, reset by subtraction and direct input. A run that
   * differs in one of them is still compared, with the difference named.
   */
  public static final java.util.SortedMap<String, String> SETTINGS =
      java.util.Collections.unmodifiableSortedMap(
          new java.util.TreeMap<>(
              java.util.Map.of(
                  "model.pooling", "avg",
                  "model.poolBeforeRelu", "true",
                  "model.dropout", "0.1",
                  "normalize", "percentile",
                  "normalize.percentile", "99.9",
                  "normalize.samples", "3500",
                  "convert.reset", "SUBTRACT",
                  "convert.encoding", "DIRECT")));

  /**
   * The settings in which a job differs from {@link #SETTINGS}, as "key = ours (paper: theirs)",
   * comparing numbers by value and names without case; a setting the job does not record counts as
   * different.
   */
  public static List<String> deviations(java.util.Map<String, String> jobSettings) {
    List<String> out = new java.util.ArrayList<>();
    SETTINGS.forEach(
        (key, paper) -> {
          String ours = jobSettings.get(key);
          if (ours == null) {
            out.add(key + " not recorded (paper: " + paper + ")");
          } else if (!same(ours, paper)) {
            out.add(key + " = " + ours + " (paper: " + paper + ")");
          }
        });
    return out;
  }

  private static boolean same(String a, String b) {
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException e) {
      return a.equalsIgnoreCase(b);
    }
  }

  /**
   * The paper's run-time exit rule, as the optimizer plugin id: stop once the output layer's
   * largest membrane potential exceeds a threshold (the margin rule is ours).
   */
  public static final String EXIT_RULE = "early-exit";

  /** All known rows. */
  public static final List<Row> ALL = List.of(CIFAR100_VGG15, IMAGENET_VGG15);

  /** The paper's claims, in the workbench's words, for the report. */
  public static final List<String> CLAIMS =
      List.of(
          "Claim 1: SNNs converted from binary-weight networks reach near full-precision accuracy.",
          "Claim 2: Binary SNNs run on binary in-memory accelerators with no accuracy loss from binarization.",
          "Claim 3: The SNNs are made by conversion from conventionally trained ANNs.",
          "Claim 4: Simple design- and run-time optimisations cut SNN latency by an order of magnitude below the "
              + "2,000-4,000 timesteps of prior conversion work.",
          "Claim 5: Early exit: an input's inference stops once the output layer's largest membrane potential "
              + "passes a threshold.");

  private PaperNumbers() {}

  /**
   * The paper's row for a dataset and network plugin id, if the paper reports one: CIFAR-100 or
   * ImageNet with {@code vgg15ab}.
   */
  public static Optional<Row> match(String datasetId, String networkId) {
    String d = normalise(datasetId);
    String n = normalise(networkId);
    if (!n.equals("vgg15ab")) {
      return Optional.empty();
    }
    if (d.equals("cifar100")) {
      return Optional.of(CIFAR100_VGG15);
    }
    if (d.startsWith("imagenet")) {
      return Optional.of(IMAGENET_VGG15);
    }
    return Optional.empty();
  }

  private static String normalise(String id) {
    return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
