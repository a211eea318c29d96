package dev.backprop.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/** Seeded random points for gradient checks, away from kinks when asked. */
final class RandomPoints {

  /** Points per method. */
  static final int COUNT = 8;

  private RandomPoints() {}

  /** {@code count} points of {@code dimension} coordinates, uniform in {@code [-3, 3)}. */
  static List<double[]> uniform(long seed, int dimension) {
    return where(seed, dimension, p -> true);
  }

  /**
   * {@link #COUNT} points of {@code dimension} coordinates, uniform in {@code [-3, 3)}, keeping
   * only those {@code accept} allows (to stay clear of the kinks of {@code max}).
   */
  static List<double[]> where(long seed, int dimension, Predicate<double[]> accept) {
    Random random = new Random(seed);
    List<double[]> points = new ArrayList<>();
    for (int tries = 0; points.size() < COUNT; tries++) {
      if (tries > 10_000) {
        throw new IllegalStateException("the acceptance test rejects almost every point");
      }
      double[] p = new double[dimension];
      for (int i = 0; i < dimension; i++) {
        p[i] = -3 + 6 * random.nextDouble();
      }
      if (accept.test(p)) {
        points.add(p);
      }
    }
    return points;
  }

  /** {@code v} with 3 decimals, as the article prints gradients. */
  static String f3(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}
