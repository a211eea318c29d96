package dev.backprop.check;

import java.util.Arrays;

/**
 * A configured gradient check: the function, its analytic gradient and the settings.
 *
 * <p>Immutable: every setter returns a new checker, so a configured checker can be kept in a
 * constant and reused across tests and points.
 *
 * <pre>{@code
 * GradientCheck.of(f, g)
 *     .step(1e-6)               // h_i = 1e-6 * max(1, |x_i|)
 *     .tolerance(1e-7)          // relative error |a - n| / max(|a|, |n|)
 *     .absoluteTolerance(1e-10) // |a - n|, for gradients that are zero up to round-off
 *     .names("a", "b", "c")
 *     .assertAt(2, 3, 0.5);
 * }</pre>
 *
 * <p>See {@link GradientCheck} for the formulas.
 */
public final class Checker {

  static final double DEFAULT_STEP = 1e-5;
  static final double DEFAULT_TOLERANCE = 1e-6;
  static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-8;

  private final ScalarFunction f;
  private final ValueAndGradient g;
  private final double step;
  private final double tolerance;
  private final double absoluteTolerance;
  /** Null means the default names x0, x1, ...; they depend on the point's length. */
  private final String[] names;

  Checker(ScalarFunction f, ValueAndGradient g) {
    this(
        requireNonNull(f, "f (the function under test)"),
        requireNonNull(g, "g (the value and gradient under test)"),
        DEFAULT_STEP,
        DEFAULT_TOLERANCE,
        DEFAULT_ABSOLUTE_TOLERANCE,
        null);
  }

  private Checker(
      ScalarFunction f,
      ValueAndGradient g,
      double step,
      double tolerance,
      double absoluteTolerance,
      String[] names) {
    this.f = f;
    this.g = g;
    this.step = step;
    this.tolerance = tolerance;
    this.absoluteTolerance = absoluteTolerance;
    this.names = names;
  }

  /**
   * Sets the base finite-difference step {@code step}; parameter {@code i} is probed at
   * {@code x_i +/- step * max(1, |x_i|)}. Default {@code 1e-5}.
   *
   * <p>Smaller steps reduce the truncation error ({@code O(h^2)} for central differences) but
   * raise the round-off error ({@code O(eps / h)}); around {@code 1e-5} both are near
   * {@code 1e-10} for well-scaled functions.
   *
   * @param step the base step, finite and greater than 0
   * @return a checker with this step
   * @throws IllegalArgumentException if {@code step} is not a finite positive number
   */
  public Checker step(double step) {
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("step must be a finite number > 0, got " + step);
    }
    return new Checker(f, g, step, tolerance, absoluteTolerance, names);
  }

  /**
   * Sets the relative tolerance: a parameter passes when
   * {@code |a - n| / max(|a|, |n|) <= relative} (or when the absolute tolerance is met).
   * Default {@code 1e-6}.
   *
   * @param relative the largest accepted relative error, finite and at least 0
   * @return a checker with this tolerance
   * @throws IllegalArgumentException if {@code relative} is negative, NaN or infinite
   */
  public Checker tolerance(double relative) {
    return new Checker(
        f, g, step, requireTolerance(relative, "tolerance"), absoluteTolerance, names);
  }

  /**
   * Sets the absolute tolerance: a parameter passes when {@code |a - n| <= absolute} (or when
   * the relative tolerance is met). Default {@code 1e-8}. It exists because the relative error of
   * an exact zero against a round-off residue such as {@code 5e-12} is 1; set it to 0 to demand
   * relative accuracy everywhere.
   *
   * @param absolute the largest accepted absolute difference, finite and at least 0
   * @return a checker with this tolerance
   * @throws IllegalArgumentException if {@code absolute} is negative, NaN or infinite
   */
  public Checker absoluteTolerance(double absolute) {
    return new Checker(
        f, g, step, tolerance, requireTolerance(absolute, "absoluteTolerance"), names);
  }

  /**
   * Names the parameters in the report, in the order of the point's coordinates. Default
   * {@code x0, x1, ...}. The count must match the point given to {@link #at}.
   *
   * <pre>{@code
   * GradientCheck.of(f, g).names("a", "b", "c", "x", "y").assertAt(1, 2, -3, -1, 3);
   * }</pre>
   *
   * @param names one name per coordinate
   * @return a checker with these names
   * @throws IllegalArgumentException if {@code names} or one of its entries is null
   */
  public Checker names(String... names) {
    if (names == null) {
      throw new IllegalArgumentException("names must not be null");
    }
    String[] copy = names.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == null) {
        throw new IllegalArgumentException("names[" + i + "] must not be null");
      }
    }
    return new Checker(f, g, step, tolerance, absoluteTolerance, copy);
  }

  /**
   * Runs the check at {@code x} and returns the report; a wrong gradient does not throw.
   *
   * <p>Calls {@code g} once (twice when an analytic entry comes back NaN, to tell an entry that
   * was never overwritten from a genuine NaN) and {@code f} {@code 2 * x.length + 1} times, each
   * time on a fresh copy of the point.
   *
   * <pre>{@code
   * GradientReport r = GradientCheck.of(f, g).names("a", "b").at(1, 2);
   * }</pre>
   *
   * @param x the point (not modified)
   * @return the per-parameter comparison
   * @throws IllegalArgumentException if {@code x} is null, empty, has a NaN or infinite
   *     coordinate, or its length differs from the number of {@link #names}
   */
  public GradientReport at(double... x) {
    double[] point = requirePoint(x);
    String[] labels = labelsFor(point.length);

    double value = f.value(point.clone());

    double[] analytic = new double[point.length];
    // NaN, not 0, so that an entry g forgets to write (or adds to) cannot pass by accident.
    Arrays.fill(analytic, Double.NaN);
    double valueFromGradient = g.valueAndGradient(point.clone(), analytic);
    boolean[] notOverwritten = findNotOverwritten(point, analytic);

    double[] numerical = new double[point.length];
    for (int i = 0; i < point.length; i++) {
      numerical[i] = centralDifference(point, i);
    }
    return new GradientReport(
        labels,
        point,
        value,
        valueFromGradient,
        analytic,
        numerical,
        notOverwritten,
        step,
        tolerance,
        absoluteTolerance);
  }

  /**
   * Runs the check at {@code x} and throws when any parameter or the value fails.
   *
   * <pre>{@code
   * GradientCheck.of(f, g).tolerance(1e-8).assertAt(2, 3, 0.5);
   * }</pre>
   *
   * @param x the point (not modified)
   * @return the report, when everything passed
   * @throws AssertionError if the check failed; its message is the readable report
   * @throws IllegalArgumentException as for {@link #at}
   */
  public GradientReport assertAt(double... x) {
    GradientReport report = at(x);
    if (!report.passed()) {
      throw new AssertionError(report.toString());
    }
    return report;
  }

  /** {@code (f(x + h e_i) - f(x - h e_i)) / (2h)} with {@code h = step * max(1, |x_i|)}. */
  private double centralDifference(double[] point, int i) {
    double xi = point[i];
    double h = step * Math.max(1.0, Math.abs(xi));
    double up = xi + h;
    double down = xi - h;
    // Fresh copies: f may modify its argument, and each probe must move coordinate i only.
    double[] probe = point.clone();
    probe[i] = up;
    double fUp = f.value(probe);
    probe = point.clone();
    probe[i] = down;
    double fDown = f.value(probe);
    // Divide by the distance actually probed: up and down are rounded to doubles, so up - down
    // may differ from 2h in the last bits, and that error would go straight into the quotient.
    return (fUp - fDown) / (up - down);
  }

  /**
   * For each analytic entry that came back NaN, finds out whether g simply left the NaN we
   * pre-filled (forgot to write grad[i], or accumulated into it) by calling g again on zeros:
   * a finite result there means the NaN was ours, not the gradient's.
   */
  private boolean[] findNotOverwritten(double[] point, double[] analytic) {
    boolean[] notOverwritten = new boolean[analytic.length];
    boolean anyNaN = false;
    for (double a : analytic) {
      anyNaN |= Double.isNaN(a);
    }
    if (!anyNaN) {
      return notOverwritten;
    }
    double[] zeroFilled = new double[analytic.length];
    g.valueAndGradient(point.clone(), zeroFilled);
    for (int i = 0; i < analytic.length; i++) {
      notOverwritten[i] = Double.isNaN(analytic[i]) && !Double.isNaN(zeroFilled[i]);
    }
    return notOverwritten;
  }

  private String[] labelsFor(int size) {
    if (names == null) {
      String[] labels = new String[size];
      for (int i = 0; i < size; i++) {
        labels[i] = "x" + i;
      }
      return labels;
    }
    if (names.length != size) {
      throw new IllegalArgumentException(
          "names has "
              + names.length
              + " entries "
              + Arrays.toString(names)
              + " but x has "
              + size
              + " coordinates");
    }
    return names.clone();
  }

  private static double[] requirePoint(double[] x) {
    if (x == null) {
      throw new IllegalArgumentException("x (the point) must not be null");
    }
    if (x.length == 0) {
      throw new IllegalArgumentException(
          "x (the point) must have at least one coordinate to differentiate");
    }
    // Copied first, so that nothing below (nor f, nor g) can ever write to the caller's array.
    double[] point = x.clone();
    for (int i = 0; i < point.length; i++) {
      if (!Double.isFinite(point[i])) {
        throw new IllegalArgumentException(
            "x[" + i + "] is " + point[i] + ": the gradient can only be checked at a finite point");
      }
    }
    return point;
  }

  private static double requireTolerance(double value, String what) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + value);
    }
    return value;
  }

  private static <T> T requireNonNull(T value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    return value;
  }
}
