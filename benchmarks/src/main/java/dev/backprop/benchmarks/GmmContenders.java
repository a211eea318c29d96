package dev.backprop.benchmarks;

import java.util.Arrays;
import java.util.Random;

/**
 * The contenders for {@link Gmm#logPosterior} on an {@link Input}: each takes the parameters
 * {@code p = {alpha, mu, q, l}}, writes the gradient into {@code dp = {dalpha, dmu, dq, dl}} (the
 * same shapes) and returns the log posterior (except {@link #function}, the forward pass alone).
 */
public final class GmmContenders {

  /** GradBench's seed for the {@code gmm} eval's inputs ({@code default_rng(seed=31337)}). */
  public static final long SEED = 31337;

  /** GradBench's number of observations ({@code -n 1000}), the benchmark's. */
  public static final int N = 1000;

  /** GradBench's additional degrees of freedom of the Wishart prior ({@code -m 0}). */
  public static final int M = 0;

  /** GradBench's precision of the Wishart prior ({@code --gamma 1.0}). */
  public static final double GAMMA = 1.0;

  private GmmContenders() {}

  /**
   * An input as GradBench's {@code gmm} generator makes it, in its order: {@code N} observations
   * of {@code D} standard normal coordinates, then {@code alpha} ({@code K} standard normal),
   * {@code mu} ({@code K D} uniform in {@code [0, 1)}), {@code q} ({@code K D} standard normal)
   * and {@code l} ({@code K D (D - 1) / 2} standard normal); {@code m = 0}, {@code gamma = 1}.
   * GradBench starts a fresh generator with the same seed for every input; so does this, with
   * {@code java.util.Random(seed)}: the same distributions, not NumPy's numbers.
   *
   * <p>GradBench's sizes are {@code N = 1 000} and every combination of {@code D = 2, 10, 20, 32,
   * 64} and {@code K = 5, 10, 25, 50, 100}; the benchmark's {@code (D, K) = (2, 5), (10, 25),
   * (20, 50), (64, 10)} are four of them. {@code (64, 200)} is not in GradBench's grid (its
   * generator's defaults leave out ADBench's {@code K = 200} and {@code D = 128}); it can be made
   * here ({@code -p dk=64x200}) for a test of the generated gradient's memory, but is not among
   * the benchmark's default sizes.
   */
  public static final class Input {

    final int d;
    final int k;
    final int n;
    final double[][] x;
    final double[] alpha;
    final double[] mu;
    final double[] q;
    final double[] l;
    final int m;
    final double gamma;
    final double logGammaD;

    private Input(int d, int k, int n, long seed) {
      this.d = d;
      this.k = k;
      this.n = n;
      Random random = new Random(seed);
      x = new double[n][d];
      for (double[] xi : x) {
        fill(xi, random, true);
      }
      alpha = fill(new double[k], random, true);
      mu = fill(new double[k * d], random, false);
      q = fill(new double[k * d], random, true);
      l = fill(new double[k * d * (d - 1) / 2], random, true);
      m = M;
      gamma = GAMMA;
      logGammaD = Gmm.logGammaD(d, m);
    }

    /** {@code n} observations in {@code d} dimensions, {@code k} components, with {@code seed}. */
    public static Input generate(int d, int k, int n, long seed) {
      return new Input(d, k, n, seed);
    }

    /**
     * The input for {@code "DxK"} ({@code "2x5"}, {@code "64x10"}), as the benchmark's
     * {@code @Param} names it, with {@link #N} observations and GradBench's seed.
     */
    public static Input parse(String dk) {
      String[] parts = dk.split("x");
      if (parts.length != 2) {
        throw new IllegalArgumentException("expected DxK, such as 2x5, not " + dk);
      }
      return generate(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()), N,
          SEED);
    }

    private static double[] fill(double[] a, Random random, boolean normal) {
      for (int i = 0; i < a.length; i++) {
        a[i] = normal ? random.nextGaussian() : random.nextDouble();
      }
      return a;
    }

    /** Copies of the parameters {@code {alpha, mu, q, l}}: the point of the gradient. */
    public double[][] parameters() {
      return new double[][] {alpha.clone(), mu.clone(), q.clone(), l.clone()};
    }

    /** Zeroed arrays of the parameters' shapes: a gradient buffer. */
    public double[][] zeros() {
      return new double[][] {
        new double[alpha.length], new double[mu.length], new double[q.length], new double[l.length]
      };
    }

    /** The number of parameters, all differentiated: {@code K (1 + 2 D + D (D - 1) / 2)}. */
    public int parameterCount() {
      return alpha.length + mu.length + q.length + l.length;
    }
  }

  /**
   * The hand-written pass's working arrays, held by its caller and reused from call to call, as
   * the generated code reuses its per-thread tape: the lower triangles of the matrices
   * {@code Q_k}, row by row ({@code Q_k[r][c]} at {@code k D (D + 1) / 2 + r (r + 1) / 2 + c}),
   * one after the other, and the triangles {@code G_k} likewise; for every component the centred observation {@code x_i - mu_k} and
   * {@code z_ik = Q_k (x_i - mu_k)} of the current observation (its backward sweep needs all of
   * them once its log-sum-exp is known); and the sums over the observations that the gradient is
   * assembled from.
   */
  public static final class Scratch {
    final double[] qmat;
    final double[] sumq;
    final double[] centred;
    final double[] z;
    final double[] beta;
    final double[] weights;
    final double[] weightedZ;
    final double[] outer;

    /** For {@code d} dimensions and {@code k} components. */
    public Scratch(int d, int k) {
      qmat = new double[k * d * (d + 1) / 2];
      sumq = new double[k];
      centred = new double[k * d];
      z = new double[k * d];
      beta = new double[k];
      weights = new double[k];
      weightedZ = new double[k * d];
      outer = new double[k * d * (d + 1) / 2];
    }
  }

  /** (d) The forward function alone: the unit for the gradient/function ratio. */
  public static double function(Input in, double[][] p) {
    return Gmm.logPosterior(in.x, p[0], p[1], p[2], p[3], in.m, in.gamma, in.logGammaD);
  }

  /** (a) The generated gradient, plain form: value and gradient in one call. */
  public static double generated(Input in, double[][] p, double[][] dp) {
    return GmmGrad.logPosterior(in.x, p[0], p[1], p[2], p[3], in.m, in.gamma, in.logGammaD,
        dp[0], dp[1], dp[2], dp[3]);
  }

  /**
   * (b) The generated pullback, as a caller outside generated code uses it: the value from the
   * function, the gradient from {@code logPosteriorPullback} with seed 1 into zeroed arrays.
   */
  public static double pullback(Input in, double[][] p, double[][] dp) {
    double value = Gmm.logPosterior(in.x, p[0], p[1], p[2], p[3], in.m, in.gamma, in.logGammaD);
    for (double[] d : dp) {
      Arrays.fill(d, 0.0);
    }
    GmmGrad.logPosteriorPullback(in.x, p[0], p[1], p[2], p[3], in.m, in.gamma, in.logGammaD, 1,
        dp[0], dp[1], dp[2], dp[3]);
    return value;
  }

  /**
   * (c) By hand, from the derivatives of {@code F}. With the softmax weights
   * {@code w_ik = exp(beta_ik - logsumexp(beta_i))}, {@code z_ik = Q_k (x_i - mu_k)} and the
   * lower triangles {@code G_k = sum_i w_ik z_ik (x_i - mu_k)^T}:
   *
   * <pre>
   *   dF/dalpha_k = sum_i w_ik - N exp(alpha_k - logsumexp(alpha))
   *   dF/dmu_k    = Q_k^T sum_i w_ik z_ik
   *   dF/dq_kj    = sum_i w_ik - exp(q_kj) G_k,jj - gamma^2 exp(2 q_kj) + m
   *   dF/dl_k,rc  = -G_k,rc - gamma^2 l_k,rc                       (row r > column c)
   * </pre>
   *
   * <p>One pass over the observations: each one's {@code K} values {@code beta_ik} are computed
   * as the function computes them (the same products, row by row, in the same order), keeping
   * every {@code x_i - mu_k} and {@code z_ik} in {@code scratch}; then its log-sum-exp, whose
   * exponentials are the weights; then at once the weighted sums above, the only work per
   * observation and component the backward sweep adds: {@code G_k} row by row, a loop without a
   * dependency from one column to the next, whose diagonal serves {@code q} and whose strict
   * lower part serves {@code l}. {@code Q_k^T} is applied once per component at the end, to the
   * sum (it is linear), not once per observation, and the sums {@code sum_i w_ik} serve both
   * {@code alpha} and {@code q}. No tape, nothing allocated.
   */
  public static double handWritten(Input in, double[][] p, double[][] dp, Scratch s) {
    double[][] x = in.x;
    double[] alpha = p[0];
    double[] mu = p[1];
    double[] q = p[2];
    double[] l = p[3];
    double[] dalpha = dp[0];
    double[] dmu = dp[1];
    double[] dq = dp[2];
    double[] dl = dp[3];
    int n = x.length;
    int k = alpha.length;
    int d = x[0].length;
    int dd = d * (d + 1) / 2; // the entries of a lower triangle
    int m = in.m;
    double gamma = in.gamma;
    double[] qmat = s.qmat;
    double[] sumq = s.sumq;
    double[] xc = s.centred;
    double[] z = s.z;
    double[] beta = s.beta;
    double[] weights = s.weights;
    double[] weightedZ = s.weightedZ;
    double[] outer = s.outer;

    // Q_k's lower triangle, row by row: exp(q_k) on the diagonal, l_k below it column by column
    double sumAllQ = 0;
    int idx = 0;
    for (int c = 0; c < k; c++) {
      int qo = c * dd;
      double sum = 0;
      for (int j = 0; j < d; j++) {
        qmat[qo + j * (j + 1) / 2 + j] = Math.exp(q[c * d + j]);
        sum += q[c * d + j];
        for (int row = j + 1; row < d; row++) {
          qmat[qo + row * (row + 1) / 2 + j] = l[idx++];
        }
      }
      sumq[c] = sum;
      sumAllQ += sum;
    }
    double frobenius = 0;
    for (int t = 0; t < qmat.length; t++) {
      frobenius += qmat[t] * qmat[t];
    }
    Arrays.fill(weights, 0.0);
    Arrays.fill(weightedZ, 0.0);
    Arrays.fill(outer, 0.0);
    double slse = 0;
    for (int i = 0; i < n; i++) {
      double[] xi = x[i];
      // forward: beta_ik for every component
      for (int c = 0; c < k; c++) {
        int o = c * d;
        for (int j = 0; j < d; j++) {
          xc[o + j] = xi[j] - mu[o + j];
        }
        int qo = c * dd;
        double sq = 0;
        for (int row = 0; row < d; row++) {
          int r = qo + row * (row + 1) / 2;
          double zr = 0;
          for (int col = 0; col <= row; col++) {
            zr += qmat[r + col] * xc[o + col];
          }
          z[o + row] = zr;
          sq += zr * zr;
        }
        beta[c] = alpha[c] + sumq[c] - 0.5 * sq;
      }
      // its log-sum-exp; the exponentials, scaled, are the weights
      double max = beta[0];
      for (int c = 1; c < k; c++) {
        if (beta[c] > max) {
          max = beta[c];
        }
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double e = Math.exp(beta[c] - max);
        beta[c] = e;
        sum += e;
      }
      slse += max + Math.log(sum);
      double scale = 1 / sum;
      // backward: dbeta_ik = w_ik; -||z||^2 / 2 pulls on z_ik with -w_ik z_ik
      for (int c = 0; c < k; c++) {
        double w = beta[c] * scale;
        weights[c] += w;
        int o = c * d;
        int qo = c * dd;
        for (int row = 0; row < d; row++) {
          double wz = w * z[o + row];
          weightedZ[o + row] += wz;
          int r = qo + row * (row + 1) / 2;
          for (int col = 0; col <= row; col++) {
            outer[r + col] += wz * xc[o + col];
          }
        }
      }
    }

    // log-sum-exp of alpha and its softmax
    double max = alpha[0];
    for (int c = 1; c < k; c++) {
      if (alpha[c] > max) {
        max = alpha[c];
      }
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      sum += Math.exp(alpha[c] - max);
    }
    double lseAlpha = max + Math.log(sum);
    double gamma2 = gamma * gamma;
    idx = 0;
    for (int c = 0; c < k; c++) {
      dalpha[c] = weights[c] - n * (Math.exp(alpha[c] - max) / sum);
      int o = c * d;
      int qo = c * dd;
      Arrays.fill(dmu, o, o + d, 0.0);
      for (int row = 0; row < d; row++) {
        // dmu_k = Q_k^T sum_i w_ik z_ik, row by row of Q_k
        double wz = weightedZ[o + row];
        int r = qo + row * (row + 1) / 2;
        for (int col = 0; col <= row; col++) {
          dmu[o + col] += qmat[r + col] * wz;
        }
      }
      for (int j = 0; j < d; j++) {
        double e = qmat[qo + j * (j + 1) / 2 + j];
        dq[o + j] = weights[c] - e * outer[qo + j * (j + 1) / 2 + j] - gamma2 * e * e + m;
        for (int row = j + 1; row < d; row++) {
          dl[idx] = -outer[qo + row * (row + 1) / 2 + j] - gamma2 * l[idx];
          idx++;
        }
      }
    }

    int wishartN = d + m + 1;
    double logLikelihood = -n * (0.5 * d * Math.log(2 * Math.PI) + lseAlpha) + slse;
    double logPrior = k * (wishartN * d * Math.log(gamma / Math.sqrt(2)) - in.logGammaD)
        - 0.5 * gamma2 * frobenius + m * sumAllQ;
    return logLikelihood + logPrior;
  }
}
