package golden;

import dev.backprop.Differentiable;
import dev.backprop.PullbackOf;

/** Calls through registered pullbacks: a stable softplus and Kepler's implicit function. */
final class Custom {
  private Custom() {}

  static double log1pexp(double x) {
    return x > 36 ? x : Math.log1p(Math.exp(x));
  }

  @PullbackOf(method = "log1pexp")
  static void log1pexpPullback(double x, double seed, double[] grad) {
    grad[0] += seed / (1 + Math.exp(-x));
  }

  static double eccentricAnomaly(double m, double e) {
    double root = m;
    for (int k = 0; k < 50; k++) {
      root -= (root - e * Math.sin(root) - m) / (1 - e * Math.cos(root));
    }
    return root;
  }

  @PullbackOf(method = "eccentricAnomaly")
  static void eccentricAnomalyPullback(double m, double e, double seed, double[] grad) {
    double root = eccentricAnomaly(m, e);
    double slope = seed / (1 - e * Math.cos(root));
    grad[0] += slope;
    grad[1] += slope * Math.sin(root);
  }

  @Differentiable(wrt = "w")
  static double logisticLoss(double[] w, double[] x, double[] y) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      loss += log1pexp(-y[i] * (w[0] * x[i] + w[1]));
    }
    return loss / x.length;
  }

  @Differentiable
  static double orbitX(double a, double m, double e) {
    return a * (Math.cos(eccentricAnomaly(m, e)) - e);
  }
}
