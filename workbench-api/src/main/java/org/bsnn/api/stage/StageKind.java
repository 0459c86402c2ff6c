package org.bsnn.api.stage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The stages of the experiment template in execution order, each with the YAML group that selects
 * its plugin ({@code dataset: fashion-mnist}) and whether the group takes one option or a list.
 */
public enum StageKind {
  DATASET("dataset", DatasetSource.class, Multiplicity.ONE, true),
  MODEL("model", Architecture.class, Multiplicity.ONE, false),
  TRAIN("train", Trainer.class, Multiplicity.ONE, true),
  BINARIZE("binarize", Binarizer.class, Multiplicity.ONE, false),
  NORMALIZE("normalize", Normalizer.class, Multiplicity.ONE, false),
  CONVERT("convert", Converter.class, Multiplicity.ONE, false),
  OPTIMIZE("optimize", Optimizer.class, Multiplicity.MANY, false),
  SIMULATE("simulate", Simulator.class, Multiplicity.ONE, false),
  EVALUATE("evaluate", Metric.class, Multiplicity.MANY, false),
  HARDWARE("hardware", HardwareModel.class, Multiplicity.MANY, false);

  /** Whether a group names one plugin or a list of plugins. */
  public enum Multiplicity {
    ONE,
    MANY
  }

  private final String group;
  private final Class<? extends Stage> type;
  private final Multiplicity multiplicity;
  private final boolean required;

  StageKind(
      String group, Class<? extends Stage> type, Multiplicity multiplicity, boolean required) {
    this.group = group;
    this.type = type;
    this.multiplicity = multiplicity;
    this.required = required;
  }

  /** The YAML group name, also written in the {@code stage} column of results. */
  public String group() {
    return group;
  }

  /** The stage interface a plugin of this group implements. */
  public Class<? extends Stage> type() {
    return type;
  }

  /** Whether the group takes one option or a list. */
  public Multiplicity multiplicity() {
    return multiplicity;
  }

  /** Whether every experiment must name a plugin for this group. */
  public boolean required() {
    return required;
  }

  /** The kind whose YAML group is {@code group}, if any. */
  public static Optional<StageKind> ofGroup(String group) {
    return Arrays.stream(values()).filter(k -> k.group.equals(group)).findFirst();
  }

  /** The kind whose interface is {@code type}. */
  public static StageKind of(Class<? extends Stage> type) {
    return Arrays.stream(values())
        .filter(k -> k.type.equals(type))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("not a stage interface: " + type.getName()));
  }

  /** All group names in template order. */
  public static List<String> groups() {
    return Arrays.stream(values()).map(StageKind::group).toList();
  }
}
