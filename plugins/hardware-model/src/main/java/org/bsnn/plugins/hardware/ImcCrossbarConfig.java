package org.bsnn.plugins.hardware;

import org.bsnn.api.config.ConfigChecks;
import org.bsnn.api.config.Doc;

/**
 * Config of {@link ImcCrossbarModel}. Every constant is configurable; the defaults are
 * <b>illustrative</b>, derived from one published in-memory BNN macro, not measurements of any chip
 * running these networks:
 *
 * <p>S. Yin, Z. Jiang, J.-S. Seo and M. Seok, "XNOR-SRAM: In-Memory Computing SRAM Macro for
 * Binary/Ternary Deep Neural Networks", IEEE JSSC 55(6), 2020, doi:10.1109/JSSC.2019.2963616: a
 * 256-row × 64-column array in 65 nm that turns on all 256 rows at once and digitises each column's
 * read bitline with a column-multiplexed 11-level flash ADC, 403 TOPS/W at 0.6 V. Counting an
 * XNOR-accumulate as 2 operations, one full-array evaluation (256 × 64 = 16,384 XACs) costs 32,768
 * / 403 TOPS/W ≈ 81.3 pJ. The paper gives no split between row drive and column sensing; we assign
 * half to each (our assumption): 40.65 pJ / 256 rows ≈ 0.159 pJ per activated row and 40.65 pJ / 64
 * columns ≈ 0.635 pJ per column sense/ADC conversion.
 *
 * @param rows wordlines per array (inputs per evaluation)
 * @param columns bitlines per array (outputs per evaluation)
 * @param rowEnergyPj pJ per activated row per array evaluation
 * @param columnEnergyPj pJ per column sensed (ADC conversion) per array evaluation
 * @param annInputBits bits of the ANN's real-valued activations, fed bit-serially
 * @param annRowActivity fraction of rows driven per bit cycle in the ANN comparison
 */
public record ImcCrossbarConfig(
    @Doc("rows (wordlines) per array, >= 1; default 256 (XNOR-SRAM, Yin et al. JSSC 2020)")
        int rows,
    @Doc("columns (bitlines, one output each) per array, >= 1; default 64 (XNOR-SRAM)") int columns,
    @Doc(
            "pJ per activated row per array evaluation, >= 0; default 0.159, illustrative (half of XNOR-SRAM's 81.3 pJ per full-array evaluation over 256 rows)")
        double rowEnergyPj,
    @Doc(
            "pJ per column sense/ADC conversion per array evaluation, >= 0; default 0.635, illustrative (the other half over 64 columns)")
        double columnEnergyPj,
    @Doc(
            "binary ANN comparison: bits of the real-valued activations, applied bit-serially (one array evaluation per bit), >= 1")
        int annInputBits,
    @Doc(
            "binary ANN comparison: fraction of rows driven per bit cycle, in [0, 1]; 0.5 = a random bit is 1 half of the time")
        double annRowActivity) {

  /** The illustrative XNOR-SRAM-derived defaults. */
  public static ImcCrossbarConfig defaults() {
    return new ImcCrossbarConfig(256, 64, 0.159, 0.635, 8, 0.5);
  }

  /** Validates sizes and energies. */
  public ImcCrossbarConfig {
    if (rows < 1 || columns < 1) {
      throw new IllegalArgumentException(
          "crossbar size must be at least 1 x 1, got rows " + rows + ", columns " + columns);
    }
    if (!(rowEnergyPj >= 0) || !Double.isFinite(rowEnergyPj)) {
      throw new IllegalArgumentException(
          "rowEnergyPj must be a finite number >= 0, got " + rowEnergyPj);
    }
    if (!(columnEnergyPj >= 0) || !Double.isFinite(columnEnergyPj)) {
      throw new IllegalArgumentException(
          "columnEnergyPj must be a finite number >= 0, got " + columnEnergyPj);
    }
    ConfigChecks.atLeastOne("annInputBits", annInputBits);
    ConfigChecks.inClosed("annRowActivity", annRowActivity, 0, 1);
  }

  /** Arrays along the rows: {@code ceil(fanIn / rows)}. */
  public long rowTiles(long fanIn) {
    return (fanIn + rows - 1) / rows;
  }

  /** Arrays along the columns: {@code ceil(outputs / columns)}. */
  public long columnTiles(long outputs) {
    return (outputs + columns - 1) / columns;
  }
}
