package org.bsnn.figures;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One sweep point of an experiment: the {@code variant} column and its {@code param:} columns.
 *
 * @param name the variant, e.g. {@code binarize=xnor-bwn}, or {@code base} without a sweep
 * @param params the sweep parameters (key without the {@code param:} prefix to value)
 */
public record Variant(String name, SortedMap<String, String> params) {

  /** The sweep key that switches binarization: {@code none} means full precision. */
  public static final String BINARIZE = "binarize";

  /** Whether a variant's network has full-precision or binary weights. */
  public enum Precision {
    /** {@code param:binarize} is {@code none}. */
    FULL,
    /** {@code param:binarize} names a binarizer. */
    BINARY,
    /** No {@code param:binarize} column: the CSV does not say. */
    UNSPECIFIED
  }

  /** Copies the params. */
  public Variant {
    Objects.requireNonNull(name);
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
  }

  /** A parameter's value. */
  public Optional<String> param(String key) {
    return Optional.ofNullable(params.get(key));
  }

  /** Full precision, binary, or unspecified, from {@code param:binarize}. */
  public Precision precision() {
    String b = params.get(BINARIZE);
    if (b == null) {
      return Precision.UNSPECIFIED;
    }
    return b.equals("none") ? Precision.FULL : Precision.BINARY;
  }

  /** The parameters other than {@code binarize}. */
  public SortedMap<String, String> otherParams() {
    TreeMap<String, String> other = new TreeMap<>(params);
    other.remove(BINARIZE);
    return other;
  }
}
