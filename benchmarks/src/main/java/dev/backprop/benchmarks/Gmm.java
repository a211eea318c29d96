package dev.backprop.benchmarks;

import dev.backprop.Differentiable;
import org.hipparchus.special.Gamma;

/**
 * GradBench's {@code gmm} eval (ADBench's GMM objective, with GradBench's three fixes): the log
 * posterior of a Gaussian mixture model with {@code K} components in {@code D} dimensions, a
 * Wishart prior on the precision matrices, at {@code N} observations {@code x_i},
 *
 * <pre>
 *   F = -N (D/2 log 2 pi + logsumexp(alpha)) + sum_i logsumexp(beta_i)
 *       + K (n D log(gamma / sqrt 2) - log Gamma_D(n / 2))
 *       - gamma^2 / 2 sum_k ||Q_k||_F^2 + m sum_k sum_j q_kj,
 *
 *   beta_ik = alpha_k + sum_j q_kj - 1/2 ||Q_k (x_i - mu_k)||^2,   n = D + m + 1,
 * </pre>
 *
 * <p>where {@code Q_k} is lower triangular with diagonal {@code exp(q_kj)} and below it
 * {@code l_k}, filled column by column, so that {@code Q_k^T Q_k} is component {@code k}'s
 * precision matrix; {@code alpha} parametrizes the mixture weights
 * ({@code phi_k = exp(alpha_k) / sum exp(alpha)}), {@code m >= 0} and {@code gamma > 0} the
 * Wishart prior ({@code V = I / gamma^2}, {@code n} degrees of freedom), and {@code Gamma_D} is
 * the multivariate gamma function,
 * {@code log Gamma_D(a) = D (D - 1) / 4 log pi + sum_{j=1}^{D} log Gamma(a + (1 - j) / 2)}.
 *
 * <p>Differentiated with respect to {@code alpha} ({@code K}), {@code mu} ({@code K D}),
 * {@code q} ({@code K D}) and {@code l} ({@code K D (D - 1) / 2}); the observations, {@code m}
 * and {@code gamma} are data. GradBench's {@code mu}, {@code q} and {@code l} are lists of rows;
 * here they are flat, row-major ({@code mu_k} is {@code mu[k * D .. k * D + D - 1]}, {@code l_k}
 * is {@code l[k * D (D - 1) / 2 ..]}), as the processor differentiates {@code double[]}
 * parameters, not {@code double[][]}. The observations, which are not differentiated, stay a
 * {@code double[][]} of {@code N} rows. The processor writes {@code GmmGrad}.
 */
public final class Gmm {

  private Gmm() {}

  /**
   * The log posterior {@code F} above. The matrices {@code Q_k} are built once, before the loop
   * over the observations, as rows of a local matrix (the diagonals {@code exp(q_k)}, the sums
   * {@code sum_j q_kj}); then for every observation and component the lower-triangular product
   * {@code Q_k (x_i - mu_k)}, row by row, and its squared norm.
   *
   * <p>The constant {@code log Gamma_D(n / 2)} is a parameter, {@code logGammaD}
   * ({@link #logGammaD} computes it): Java has no log-gamma function, and the processor does not
   * let a {@code @Differentiable} method call a method without a derivative (such as Hipparchus'
   * {@code Gamma.logGamma}), even on data.
   */
  @Differentiable(wrt = {"alpha", "mu", "q", "l"})
  public static double logPosterior(double[][] x, double[] alpha, double[] mu, double[] q,
      double[] l, int m, double gamma, double logGammaD) {
    int n = x.length;
    int k = alpha.length;
    int d = x[0].length;
    int lsz = d * (d - 1) / 2;
    double[][] qmat = new double[k * d][d]; // Q_k is rows k * d .. k * d + d - 1
    double[] sumq = new double[k]; // sum_j q_kj = log det Q_k
    double[] xc = new double[d]; // x_i - mu_k
    double[] beta = new double[k];
    double sumAllQ = 0;
    for (int c = 0; c < k; c++) {
      // Q_k: exp(q_k) on the diagonal, l_k below it, column by column
      double s = 0;
      int idx = c * lsz;
      for (int j = 0; j < d; j++) {
        qmat[c * d + j][j] = Math.exp(q[c * d + j]);
        s += q[c * d + j];
        for (int row = j + 1; row < d; row++) {
          qmat[c * d + row][j] = l[idx];
          idx++;
        }
      }
      sumq[c] = s;
      sumAllQ += s;
    }
    double frobenius = 0; // sum_k ||Q_k||_F^2
    for (int r = 0; r < k * d; r++) {
      for (int col = 0; col < d; col++) {
        frobenius += qmat[r][col] * qmat[r][col];
      }
    }
    double slse = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          xc[j] = x[i][j] - mu[c * d + j];
        }
        // ||Q_k (x_i - mu_k)||^2, Q_k lower triangular
        double sq = 0;
        for (int row = 0; row < d; row++) {
          double z = 0;
          for (int col = 0; col <= row; col++) {
            z += qmat[c * d + row][col] * xc[col];
          }
          sq += z * z;
        }
        beta[c] = alpha[c] + sumq[c] - 0.5 * sq;
      }
      slse += Lse.logSumExp(beta);
    }
    int wishartN = d + m + 1; // the Wishart prior's degrees of freedom
    double logLikelihood = -n * (0.5 * d * Math.log(2 * Math.PI) + Lse.logSumExp(alpha)) + slse;
    double logPrior = k * (wishartN * d * Math.log(gamma / Math.sqrt(2)) - logGammaD)
        - 0.5 * gamma * gamma * frobenius + m * sumAllQ;
    return logLikelihood + logPrior;
  }

  /**
   * {@code log Gamma_D((D + m + 1) / 2)}, the constant {@link #logPosterior} takes as
   * {@code logGammaD}: the multivariate log-gamma function at half the Wishart prior's degrees of
   * freedom.
   */
  public static double logGammaD(int d, int m) {
    double a = 0.5 * (d + m + 1);
    double sum = 0.25 * d * (d - 1) * Math.log(Math.PI);
    for (int j = 1; j <= d; j++) {
      sum += Gamma.logGamma(a + 0.5 * (1 - j));
    }
    return sum;
  }
}
