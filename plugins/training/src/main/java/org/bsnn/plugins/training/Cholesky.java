package org.bsnn.plugins.training;

/**
 * Solves {@code A X = B} for a symmetric positive-definite A by Cholesky factorisation, in plain
 * Java doubles. Used for ridge-regression readouts (A is features x features, a few hundred wide),
 * where ND4J M2.1's matrix_inverse op fails on CPU and a deterministic, dependency-free solve is
 * simplest.
 */
final class Cholesky {

  private Cholesky() {}

  /**
   * Solves in place.
   *
   * @param a row-major n x n SPD matrix; overwritten by its factor
   * @param b row-major n x m right-hand sides; overwritten by the solution
   * @throws IllegalArgumentException when A is not positive definite
   */
  static void solve(double[][] a, double[][] b) {
    int n = a.length;
    for (int j = 0; j < n; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= a[j][k] * a[j][k];
      }
      if (!(d > 0)) {
        throw new IllegalArgumentException(
            "matrix is not positive definite at row " + j + "; increase the ridge penalty");
      }
      a[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < n; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= a[i][k] * a[j][k];
        }
        a[i][j] = s / a[j][j];
      }
    }
    int m = b[0].length;
    for (int c = 0; c < m; c++) {
      for (int i = 0; i < n; i++) { // forward: L y = b
        double s = b[i][c];
        for (int k = 0; k < i; k++) {
          s -= a[i][k] * b[k][c];
        }
        b[i][c] = s / a[i][i];
      }
      for (int i = n - 1; i >= 0; i--) { // backward: Lᵀ x = y
        double s = b[i][c];
        for (int k = i + 1; k < n; k++) {
          s -= a[k][i] * b[k][c];
        }
        b[i][c] = s / a[i][i];
      }
    }
  }
}
