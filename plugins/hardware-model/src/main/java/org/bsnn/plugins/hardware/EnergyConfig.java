package org.bsnn.plugins.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link EnergyModel}: energy per operation and the arithmetic precision of each kind of
 * network.
 *
 * <p>Default table: M. Horowitz, "Computing's energy problem (and what we can do about it)", ISSCC
 * 2014, pp. 10–14, doi:10.1109/ISSCC.2014.6757323, 45 nm at 0.9 V: 32-bit float multiply 3.7 pJ +
 * add 0.9 pJ, so {@code fp32-mac} 4.6 pJ and {@code fp32-add} 0.9 pJ; 32-bit integer multiply 3.1
 * pJ + add 0.1 pJ, so {@code int32-mac} 3.2 pJ and {@code int32-add} 0.1 pJ. These are the figures
 * SNN papers usually quote (the paper's "hardware view"); they leave out memory access, which
 * dominates real accelerators.
 *
 * @param operationEnergyPj pJ per operation, keys {@code <precision>-mac} and {@code
 *     <precision>-add}
 * @param annPrecision precision of the ANN's multiply-accumulates
 * @param fpSnnPrecision precision of a full-precision SNN's operations
 * @param binarySnnPrecision precision of a binary SNN's operations
 */
public record EnergyConfig(
    @Doc(
            "energy per operation in pJ; keys '<precision>-mac' (multiply-accumulate) and '<precision>-add' (accumulate); "
                + "default Horowitz ISSCC 2014, 45 nm: fp32-mac 4.6, fp32-add 0.9, int32-mac 3.2, int32-add 0.1; "
                + "entries given in YAML are added to (or replace) these")
        Map<String, Double> operationEnergyPj,
    @Doc(
            "precision of the ANN's multiply-accumulates: a precision named in operationEnergyPj, e.g. fp32 or int32")
        String annPrecision,
    @Doc(
            "precision of a full-precision SNN's operations (first-layer MACs under direct encoding, accumulates elsewhere)")
        String fpSnnPrecision,
    @Doc(
            "precision of a binary-weight SNN's operations (int32 models integer accumulation of ±1 weights)")
        String binarySnnPrecision) {

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*-(mac|add)");

  /** The default table (Horowitz 2014, 45 nm), pJ per operation. */
  public static Map<String, Double> horowitz2014() {
    Map<String, Double> table = new TreeMap<>();
    table.put("fp32-mac", 4.6);
    table.put("fp32-add", 0.9);
    table.put("int32-mac", 3.2);
    table.put("int32-add", 0.1);
    return table;
  }

  /** Defaults: the Horowitz table, every network kind in fp32. */
  public static EnergyConfig defaults() {
    return new EnergyConfig(horowitz2014(), "fp32", "fp32", "fp32");
  }

  /** Validates the table and that it prices every operation the chosen precisions need. */
  public EnergyConfig {
    if (operationEnergyPj == null) {
      throw new IllegalArgumentException("operationEnergyPj must be a table of pJ per operation");
    }
    Map<String, Double> table = new TreeMap<>();
    for (Map.Entry<String, Double> e : operationEnergyPj.entrySet()) {
      String key = e.getKey();
      Double v = e.getValue();
      if (key == null || !KEY.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "operationEnergyPj key '"
                + key
                + "' must be '<precision>-mac' or '<precision>-add' (lowercase precision, e.g. fp32-mac, int8-add)");
      }
      if (v == null || !(v >= 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "operationEnergyPj '" + key + "' must be a finite number of pJ >= 0, got " + v);
      }
      table.put(key, v);
    }
    operationEnergyPj = java.util.Collections.unmodifiableMap(table);
    List<String> missing = new ArrayList<>();
    require(table, "annPrecision", annPrecision, false, missing);
    require(table, "fpSnnPrecision", fpSnnPrecision, true, missing);
    require(table, "binarySnnPrecision", binarySnnPrecision, true, missing);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "the energy table lacks operation kinds: "
              + String.join("; ", missing)
              + "; it has "
              + table.keySet());
    }
  }

  private static void require(
      Map<String, Double> table,
      String key,
      String precision,
      boolean needsAdd,
      List<String> missing) {
    if (precision == null || precision.isBlank()) {
      throw new IllegalArgumentException(
          key + " must name a precision of operationEnergyPj, e.g. fp32");
    }
    if (!table.containsKey(precision + "-mac")) {
      missing.add("'" + precision + "-mac' (needed by " + key + ")");
    }
    if (needsAdd && !table.containsKey(precision + "-add")) {
      missing.add("'" + precision + "-add' (needed by " + key + ")");
    }
  }

  /** pJ per multiply-accumulate at {@code precision}. */
  public double mac(String precision) {
    return operationEnergyPj.get(precision + "-mac");
  }

  /** pJ per accumulate at {@code precision}. */
  public double add(String precision) {
    return operationEnergyPj.get(precision + "-add");
  }
}
