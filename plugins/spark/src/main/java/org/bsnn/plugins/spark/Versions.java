package org.bsnn.plugins.spark;

import java.io.Serializable;
import org.bsnn.api.util.UserFacingException;
import org.bsnn.api.util.WorkbenchVersion;

/**
 * The driver's Spark and workbench versions, checked by every task before it computes: a worker
 * running other versions fails with both named, not with a serialisation error.
 *
 * @param spark Spark's version
 * @param workbench the workbench's version
 */
record Versions(String spark, String workbench) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** This process's versions. */
  static Versions here() {
    return new Versions(org.apache.spark.package$.MODULE$.SPARK_VERSION(), WorkbenchVersion.get());
  }

  /**
   * Checks that this process runs the same versions.
   *
   * @throws UserFacingException naming both
   */
  void check() {
    Versions worker = here();
    if (!worker.spark.equals(spark)) {
      throw new UserFacingException(
          "Spark version mismatch: the driver runs Spark "
              + spark
              + ", this worker "
              + worker.spark
              + "; start the cluster from the workbench's jars (tools/spark-cluster) or with Spark "
              + spark);
    }
    if (!worker.workbench.equals(workbench)) {
      throw new UserFacingException(
          "workbench version mismatch: the driver runs "
              + workbench
              + ", this worker "
              + worker.workbench
              + "; give the workers the same build");
    }
  }
}
