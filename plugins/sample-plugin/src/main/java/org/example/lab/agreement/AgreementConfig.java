package org.example.lab.agreement;

import org.bsnn.api.config.Doc;

/**
 * Config of the {@code ann-snn-agreement} metric. Every component carries {@link Doc} (shown by
 * {@code bsnn plugins --config ann-snn-agreement}); the compact constructor rejects bad values, and
 * the workbench reports its message with the YAML file and line before anything runs.
 *
 * @param confidence confidence level of the Wilson score interval around the agreement
 * @param perClass whether to also report the agreement within each true class
 */
public record AgreementConfig(
    @Doc("confidence level of the Wilson interval around the agreement, in (0, 1), e.g. 0.95")
        double confidence,
    @Doc("also report the agreement within each true class, as ann-snn-agreement[<class>]")
        boolean perClass) {

  /** Validates the confidence level. */
  public AgreementConfig {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException(
          "confidence must be in (0, 1), e.g. 0.95, got " + confidence);
    }
  }
}
