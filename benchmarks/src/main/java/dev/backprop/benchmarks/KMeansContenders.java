package dev.backprop.benchmarks;

import java.util.Arrays;
import java.util.Random;

/**
 * The contenders for {@link KMeans#cost} on an {@link Input}: each takes the centroids
 * {@code c} ({@code k * d} numbers, row-major), writes the gradient {@code dc} (the same shape)
 * and returns the cost (except {@link #function}, the forward pass alone).
 */
public final class KMeansContenders {

  /** GradBench's seed for the {@code kmeans} eval's inputs ({@code np.random.seed(31337)}). */
  public static final long SEED = 31337;

  /** The benchmark's number of centroids. */
  public static final int K = 100;

  /** The benchmark's dimension. */
  public static final int D = 16;

  private KMeansContenders() {}

  /**
   * An input as GradBench's {@code kmeans} generator makes it: {@code n} points uniform in the
   * unit cube {@code [0, 1)^d} ({@code np.random.rand(n, d)}), and as the {@code k} centroids
   * copies of the last {@code k} points, which guarantees every centroid at least one point (its
   * own). Here from {@code java.util.Random(seed)}, drawn row by row: the same distribution, not
   * NumPy's numbers (GradBench seeds once and draws its inputs one after the other, so each of its
   * inputs depends on the sizes before it). GradBench's sizes are every combination of
   * {@code k = 10, 100, 1 000}, {@code n = 1 000, 10 000} and {@code d = 8, 16}; the benchmark
   * uses {@code k = 100, d = 16} with {@code n = 1 000} and {@code 10 000}, two of them.
   */
  public static final class Input {

    final double[][] points;
    final double[] centroids;

    Input(double[][] points, double[] centroids) {
      this.points = points;
      this.centroids = centroids;
    }

    /** {@code n} points in {@code d} dimensions and {@code k <= n} centroids, with {@code seed}. */
    public static Input generate(int n, int k, int d, long seed) {
      if (k > n) {
        throw new IllegalArgumentException(
            "k = " + k + " centroids need at least as many points, not n = " + n);
      }
      Random random = new Random(seed);
      double[][] points = new double[n][d];
      for (double[] p : points) {
        for (int l = 0; l < d; l++) {
          p[l] = random.nextDouble();
        }
      }
      double[] centroids = new double[k * d];
      for (int j = 0; j < k; j++) {
        System.arraycopy(points[n - k + j], 0, centroids, j * d, d);
      }
      return new Input(points, centroids);
    }

    /** A copy of the centroids: the point at which the gradient is taken. */
    public double[] centroids() {
      return centroids.clone();
    }

    /** The number of points. */
    public int size() {
      return points.length;
    }
  }

  /** (d) The forward function alone: the unit for the gradient/function ratio. */
  public static double function(Input in, double[] c) {
    return KMeans.cost(in.points, c);
  }

  /** (a) The generated gradient, plain form: value and gradient in one call. */
  public static double generated(Input in, double[] c, double[] dc) {
    return KMeansGrad.cost(in.points, c, dc);
  }

  /**
   * (b) The generated pullback, as a caller outside generated code uses it: the cost from the
   * function, the gradient from {@code costPullback} with seed 1 into a zeroed {@code dc}.
   */
  public static double pullback(Input in, double[] c, double[] dc) {
    double cost = KMeans.cost(in.points, c);
    Arrays.fill(dc, 0.0);
    KMeansGrad.costPullback(in.points, c, 1, dc);
    return cost;
  }

  /**
   * (c) By hand: one pass over the points, each point's distances computed as the function
   * computes them while remembering which centroid is closest (the first of them at a tie, as
   * {@code Math.min} does), then the adjoint of the minimum, which is sparse: only the winner
   * gets the point's pull {@code 2 (C_j - P_i)}, {@code d} operations against the {@code k * d}
   * of the distances. Nothing is kept from one point to the next; nothing is allocated.
   */
  public static double handWritten(Input in, double[] c, double[] dc) {
    double[][] points = in.points;
    int d = points[0].length;
    int k = c.length / d;
    Arrays.fill(dc, 0.0);
    double cost = 0;
    for (double[] p : points) {
      double closest = Double.POSITIVE_INFINITY;
      int winner = 0;
      for (int j = 0; j < k; j++) {
        int o = j * d;
        double sqDist = 0;
        for (int l = 0; l < d; l++) {
          double diff = c[o + l] - p[l];
          sqDist += diff * diff;
        }
        if (sqDist < closest) {
          closest = sqDist;
          winner = j;
        }
      }
      cost += closest;
      int o = winner * d;
      for (int l = 0; l < d; l++) {
        dc[o + l] += 2 * (c[o + l] - p[l]);
      }
    }
    return cost;
  }
}
