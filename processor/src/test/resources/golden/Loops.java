package golden;

import dev.backprop.Differentiable;

/**
 * Loops and arrays: a dataset loss, a loop that overwrites, a local matrix, early exits, and a
 * mixture-like sum whose reversed iterations fill their array again.
 */
final class Loops {
  private Loops() {}

  /** The article's SVM cost over a dataset. */
  @Differentiable(wrt = "w")
  static double cost(double[][] x, int[] y, double[] w, double alpha) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double score = w[0] * x[i][0] + w[1] * x[i][1] + w[2];
      total += Math.max(0, -y[i] * score + 1);
    }
    return total + alpha * (w[0] * w[0] + w[1] * w[1]);
  }

  /** The logistic map, n times: x is overwritten, the tape restores it. */
  @Differentiable
  static double logistic(double x, double r, int n) {
    for (int i = 0; i < n; i++) {
      x = r * x * (1 - x);
    }
    return x;
  }

  /** Halves at least once: a do-while counts its iterations. */
  @Differentiable
  static double halve(double x) {
    do {
      x = x / 2;
    } while (x > 1);
    return x;
  }

  /** A tanh layer with its activations in a local matrix, summed with a for-each. */
  @Differentiable(wrt = "w")
  static double layer(double[][] x, double[] w) {
    double[][] h = new double[x.length][w.length];
    for (int n = 0; n < x.length; n++) {
      for (int j = 0; j < w.length; j++) {
        h[n][j] = Math.tanh(w[j] * x[n][j]);
      }
    }
    double s = 0;
    for (double[] row : x) {
      s += row[0] * h[0][0];
    }
    return s;
  }

  /** The first partial sum past a threshold: a return inside the loop. */
  @Differentiable(wrt = "w")
  static double firstPast(double[] w, double t) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * w[i];
      if (s > t) {
        return s;
      }
    }
    return -s;
  }

  /**
   * A sum over points and centres of exp(-||L (x_i - mu_c)||^2), as a Gaussian mixture computes
   * it: each point runs its backward work right after its forward work, the centred point is
   * filled again rather than taped, and the row sums go into a matrix by centre and row.
   */
  @Differentiable(wrt = {"mu", "l"})
  static double mixture(double[][] x, double[] mu, double[] l) {
    int d = x[0].length;
    int k = mu.length / d;
    double[] xc = new double[d];
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          xc[j] = x[i][j] - mu[c * d + j];
        }
        double sq = 0;
        for (int row = 0; row < d; row++) {
          double z = 0;
          for (int col = 0; col <= row; col++) {
            z += l[row * d + col] * xc[col];
          }
          sq += z * z;
        }
        total += Math.exp(-sq);
      }
    }
    return total;
  }
}
