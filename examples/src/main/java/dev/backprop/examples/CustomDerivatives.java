package dev.backprop.examples;

import dev.backprop.Differentiable;
import dev.backprop.PullbackOf;
import java.util.Random;
import org.hipparchus.special.Erf;

/**
 * Derivatives the processor cannot work out from source, supplied with {@code @PullbackOf}: a
 * library function without source (Hipparchus' {@code Erf.erf}), a numerically careful function
 * ({@code log1pexp}, stable where the textbook formula overflows), and an implicit function solved
 * by Newton's method (the eccentric anomaly of Kepler's equation), each used by a model fitted
 * with its generated gradient. The processor writes {@code CustomDerivativesGrad}; its backward
 * sweeps call the pullbacks below.
 */
public final class CustomDerivatives {

  private CustomDerivatives() {}

  // ---- a library function: Erf.erf ----------------------------------------------------------

  /** {@code d erf(x) / dx = 2 / sqrt(pi) e^(-x^2)}: Hipparchus has the function, not its slope. */
  @PullbackOf(type = Erf.class, method = "erf")
  static void erfPullback(double x, double seed, double[] grad) {
    grad[0] += seed * 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
  }

  /**
   * A psychometric (dose-response) curve: the squared misfit between the normal CDF
   * {@code Phi((x - mu) / sigma)} and the fractions {@code p} observed at doses {@code x}.
   */
  @Differentiable(wrt = {"mu", "sigma"})
  public static double doseResponseMisfit(double mu, double sigma, double[] x, double[] p) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double phi = 0.5 * (1 + Erf.erf((x[i] - mu) / (sigma * Math.sqrt(2))));
      double r = phi - p[i];
      sum += r * r;
    }
    return sum;
  }

  // ---- a careful function of one's own: log(1 + e^x) ----------------------------------------

  /**
   * {@code log(1 + e^x)}, exactly {@code x} above 36 where {@code e^x} would round it away (and
   * overflow past 709).
   */
  public static double log1pexp(double x) {
    return x > 36 ? x : Math.log1p(Math.exp(x));
  }

  /** The logistic sigmoid, written so that it never overflows: {@code 1 / (1 + e^-x)}. */
  @PullbackOf(method = "log1pexp")
  static void log1pexpPullback(double x, double seed, double[] grad) {
    grad[0] += seed / (1 + Math.exp(-x));
  }

  /**
   * Logistic regression's loss on labels {@code y = +-1}: the mean of
   * {@code log(1 + e^-(y (w . x + b)))}, finite at any margin.
   */
  @Differentiable(wrt = "w")
  public static double logisticLoss(double[] w, double[][] x, double[] y) {
    int d = w.length - 1;
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double score = w[d];
      for (int j = 0; j < d; j++) {
        score += w[j] * x[i][j];
      }
      loss += log1pexp(-y[i] * score);
    }
    return loss / x.length;
  }

  // ---- an implicit function: Kepler's equation ----------------------------------------------

  /**
   * The eccentric anomaly {@code E} of an orbit of eccentricity {@code e} (0 <= e < 1) at mean
   * anomaly {@code m}: the root of Kepler's equation {@code E - e sin E = m}, by Newton's method.
   * Differentiating the iterations would give the derivative of the iterations, not of the root,
   * and cost as much again; the implicit function theorem gives the exact one.
   */
  public static double eccentricAnomaly(double m, double e) {
    double root = e < 0.8 ? m : Math.PI;
    for (int k = 0; k < 50; k++) {
      double f = root - e * Math.sin(root) - m;
      double step = f / (1 - e * Math.cos(root));
      root -= step;
      if (Math.abs(step) < 1e-15) {
        break;
      }
    }
    return root;
  }

  /**
   * Differentiating {@code E - e sin E = m}: {@code dE (1 - e cos E) = dm + sin E de}. The root
   * is solved again here; the pullback gets the function's arguments, as a generated one does.
   */
  @PullbackOf(method = "eccentricAnomaly")
  static void eccentricAnomalyPullback(double m, double e, double seed, double[] grad) {
    double root = eccentricAnomaly(m, e);
    double slope = seed / (1 - e * Math.cos(root));
    grad[0] += slope;
    grad[1] += slope * Math.sin(root);
  }

  /**
   * How far an orbit of semi-major axis {@code a} and eccentricity {@code e} (focus at the
   * origin, periapsis on the x axis) passes from positions observed at mean anomalies
   * {@code m}: the sum of squared distances.
   */
  @Differentiable(wrt = {"a", "e"})
  public static double orbitMisfit(double a, double e, double[] m, double[] x, double[] y) {
    double sum = 0;
    for (int i = 0; i < m.length; i++) {
      double anomaly = eccentricAnomaly(m[i], e);
      double dx = a * (Math.cos(anomaly) - e) - x[i];
      double dy = a * Math.sqrt(1 - e * e) * Math.sin(anomaly) - y[i];
      sum += dx * dx + dy * dy;
    }
    return sum;
  }

  // ---- the fits -------------------------------------------------------------------------------

  /** Where a fit ended: its parameters and misfit, after how many steps. */
  public record Fit(double[] parameters, double misfit, int steps) {}

  /** Positions on an orbit {@code (a, e)} at {@code n} seeded mean anomalies, with noise. */
  public static double[][] observedOrbit(double a, double e, int n, double noise, long seed) {
    Random random = new Random(seed);
    double[][] data = new double[3][n];
    for (int i = 0; i < n; i++) {
      double m = 2 * Math.PI * random.nextDouble();
      double anomaly = eccentricAnomaly(m, e);
      data[0][i] = m;
      data[1][i] = a * (Math.cos(anomaly) - e) + noise * random.nextGaussian();
      data[2][i] = a * Math.sqrt(1 - e * e) * Math.sin(anomaly) + noise * random.nextGaussian();
    }
    return data;
  }

  /**
   * A dose-response experiment: at {@code doses} evenly spaced doses from 0 to 4, the fraction of
   * {@code subjects} (seeded) that respond when each responds with probability
   * {@code Phi((dose - mu) / sigma)}. Returns the doses and the fractions.
   */
  public static double[][] doseResponse(double mu, double sigma, int doses, int subjects,
      long seed) {
    Random random = new Random(seed);
    double[][] data = new double[2][doses];
    for (int i = 0; i < doses; i++) {
      double dose = 4.0 * i / (doses - 1);
      double probability = 0.5 * (1 + Erf.erf((dose - mu) / (sigma * Math.sqrt(2))));
      int responded = 0;
      for (int s = 0; s < subjects; s++) {
        responded += random.nextDouble() < probability ? 1 : 0;
      }
      data[0][i] = dose;
      data[1][i] = (double) responded / subjects;
    }
    return data;
  }

  /** Gradient descent on {@link #doseResponseMisfit} from {@code (mu0, sigma0)}. */
  public static Fit fitDoseResponse(double[][] data, double mu0, double sigma0, double step,
      int steps) {
    double[] p = {mu0, sigma0};
    double[] grad = new double[2];
    double misfit = 0;
    for (int s = 0; s < steps; s++) {
      misfit = CustomDerivativesGrad.doseResponseMisfit(p[0], p[1], data[0], data[1], grad);
      p[0] -= step * grad[0];
      p[1] = Math.max(0.05, p[1] - step * grad[1]);
    }
    return new Fit(p, misfit, steps);
  }

  /** Gradient descent on {@link #orbitMisfit} from {@code (a0, e0)}. */
  public static Fit fitOrbit(double[][] data, double a0, double e0, double step, int steps) {
    double[] p = {a0, e0};
    double[] grad = new double[2];
    double misfit = 0;
    for (int s = 0; s < steps; s++) {
      misfit = CustomDerivativesGrad.orbitMisfit(p[0], p[1], data[0], data[1], data[2], grad);
      p[0] -= step * grad[0];
      p[1] = Math.min(0.99, Math.max(0, p[1] - step * grad[1]));
    }
    return new Fit(p, misfit, steps);
  }
}
