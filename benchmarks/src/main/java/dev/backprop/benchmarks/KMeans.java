package dev.backprop.benchmarks;

import dev.backprop.Differentiable;

/**
 * GradBench's {@code kmeans} eval: the k-means cost of {@code n} points {@code P_i} and {@code k}
 * centroids {@code C_j} in {@code d} dimensions,
 *
 * <pre>
 *   f(P, C) = sum_i min_j |C_j - P_i|^2
 * </pre>
 *
 * <p>differentiated with respect to the centroids: {@code df / dC_j = sum over the points i whose
 * closest centroid is j of 2 (C_j - P_i)}. (GradBench's {@code dir} function goes on to the
 * diagonal Hessian and the Newton direction {@code J H^-1}; this workload stops at the gradient,
 * {@code J}.) The points are data, a {@code double[][]} of {@code n} rows; the centroids are
 * differentiated and so a flat {@code double[]} of {@code k * d} numbers, row-major
 * ({@code C_j} is {@code centroids[j * d .. j * d + d - 1]}): the processor differentiates
 * {@code double} and {@code double[]} parameters, not {@code double[][]}. The processor writes
 * {@code KMeansGrad}.
 */
public final class KMeans {

  private KMeans() {}

  /**
   * The sum over the points of the squared distance to the closest centroid. At a tie the
   * gradient goes to the first of the closest centroids ({@code Math.min} keeps its first
   * argument). {@code points} must not be empty.
   */
  @Differentiable(wrt = "centroids")
  public static double cost(double[][] points, double[] centroids) {
    int d = points[0].length;
    int k = centroids.length / d;
    double cost = 0;
    for (double[] p : points) {
      double closest = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double sqDist = 0;
        for (int l = 0; l < d; l++) {
          double diff = centroids[j * d + l] - p[l];
          sqDist += diff * diff;
        }
        closest = Math.min(closest, sqDist);
      }
      cost += closest;
    }
    return cost;
  }
}
