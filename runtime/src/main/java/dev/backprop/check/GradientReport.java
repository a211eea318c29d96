package dev.backprop.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of a gradient check: per parameter, the analytic derivative {@code a}, the central
 * difference {@code n}, their relative error and whether it passed; plus the comparison of the
 * value returned with the gradient against {@code f(x)}.
 *
 * <p>Relative error is {@code |a - n| / max(|a|, |n|)}, 0 when both are 0, and NaN when either is
 * NaN or infinite. A parameter passes when both are finite and the relative error is at most the
 * tolerance or {@code |a - n|} at most the absolute tolerance. {@link #toString()} is a readable
 * table, e.g.
 *
 * <pre>
 * Gradient check FAILED: 1 of 3 parameters wrong, value ok
 *   central differences, h_i = 1.00e-05 * max(1, |x_i|); ok when relative error &lt;= 1.00e-06
 *   or |analytic - numerical| &lt;= 1.00e-08
 *   value: f(x) = 6.479425538604203, valueAndGradient returned 6.479425538604203: ok
 *
 *   name  x    analytic           numerical           rel. error  status
 *   x0    2.0  3.0                2.999999999994449   1.85e-12    ok
 *   x1    3.0  2.0                2.0                 0.00e+00    ok
 *   x2    0.5  0.479425538604203  0.8775825618661008  4.54e-01    FAIL
 *
 *   FAIL x2: analytic 0.479425538604203, numerical 0.8775825618661008: relative error 4.54e-01
 *   &gt; 1.00e-06 and |analytic - numerical| = 3.98e-01 &gt; 1.00e-08
 * </pre>
 *
 * <p>(for {@code f = x0 * x1 + sin(x2)} with {@code sin} instead of {@code cos} as the last
 * derivative; the long lines are wrapped here, not in the output). Instances are immutable.
 */
public final class GradientReport {

  private final String[] names;
  private final double[] point;
  private final double value;
  private final double valueFromGradient;
  private final double[] analytic;
  private final double[] numerical;
  private final boolean[] notOverwritten;
  private final double step;
  private final double tolerance;
  private final double absoluteTolerance;

  private final double[] relativeErrors;
  private final boolean[] passed;
  private final boolean valuePassed;

  /** Arrays are owned by the report from here on: {@link Checker} hands over fresh ones. */
  GradientReport(
      String[] names,
      double[] point,
      double value,
      double valueFromGradient,
      double[] analytic,
      double[] numerical,
      boolean[] notOverwritten,
      double step,
      double tolerance,
      double absoluteTolerance) {
    this.names = names;
    this.point = point;
    this.value = value;
    this.valueFromGradient = valueFromGradient;
    this.analytic = analytic;
    this.numerical = numerical;
    this.notOverwritten = notOverwritten;
    this.step = step;
    this.tolerance = tolerance;
    this.absoluteTolerance = absoluteTolerance;

    int n = names.length;
    this.relativeErrors = new double[n];
    this.passed = new boolean[n];
    for (int i = 0; i < n; i++) {
      relativeErrors[i] = relativeError(analytic[i], numerical[i]);
      passed[i] = agrees(analytic[i], numerical[i]);
    }
    this.valuePassed = agrees(valueFromGradient, value);
  }

  /**
   * {@code f(x)}, as computed by the {@link ScalarFunction}.
   *
   * @return the function's value at the checked point
   */
  public double value() {
    return value;
  }

  /**
   * The value the {@link ValueAndGradient} returned at the same point; it must match
   * {@link #value()} (within the tolerances) for the check to pass.
   *
   * @return the value returned alongside the gradient
   */
  public double valueFromGradient() {
    return valueFromGradient;
  }

  /**
   * Whether {@link #valueFromGradient()} matches {@link #value()}: both finite and relative error
   * at most the tolerance or absolute difference at most the absolute tolerance.
   *
   * @return true when the two values agree
   */
  public boolean valuePassed() {
    return valuePassed;
  }

  /**
   * The number of parameters checked (the length of the point).
   *
   * @return the number of coordinates
   */
  public int size() {
    return names.length;
  }

  /**
   * The name of parameter {@code i}: as given to {@link Checker#names}, else {@code "x" + i}.
   *
   * @param i the parameter index, {@code 0 <= i < size()}
   * @return its name
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public String name(int i) {
    return names[Objects.checkIndex(i, size())];
  }

  /**
   * The coordinate {@code x_i} of the checked point.
   *
   * @param i the parameter index, {@code 0 <= i < size()}
   * @return {@code x_i}
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public double point(int i) {
    return point[Objects.checkIndex(i, size())];
  }

  /**
   * The analytic derivative {@code a_i = df/dx_i}, as the {@link ValueAndGradient} wrote it
   * (NaN if it never wrote {@code grad[i]}).
   *
   * @param i the parameter index, {@code 0 <= i < size()}
   * @return {@code a_i}
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public double analytic(int i) {
    return analytic[Objects.checkIndex(i, size())];
  }

  /**
   * The central difference {@code n_i = (f(x + h e_i) - f(x - h e_i)) / 2h}, with
   * {@code h = step * max(1, |x_i|)}.
   *
   * @param i the parameter index, {@code 0 <= i < size()}
   * @return {@code n_i}
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public double numerical(int i) {
    return numerical[Objects.checkIndex(i, size())];
  }

  /**
   * The relative error {@code |a_i - n_i| / max(|a_i|, |n_i|)}: 0 when both are 0, NaN when
   * either is NaN or infinite. For example analytic 3 and numerical 4 give 0.25.
   *
   * @param i the parameter index, {@code 0 <= i < size()}
   * @return the relative error, in {@code [0, 2]} or NaN
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public double relativeError(int i) {
    return relativeErrors[Objects.checkIndex(i, size())];
  }

  /**
   * The largest {@link #relativeError(int)} over all parameters, NaN if any of them is NaN.
   * Parameters that passed by the absolute tolerance count too, so this can exceed the
   * tolerance in a report that passed.
   *
   * @return the maximum relative error
   */
  public double maxRelativeError() {
    double max = 0;
    for (double e : relativeErrors) {
      max = Math.max(max, e); // Math.max propagates NaN, which is what we want here
    }
    return max;
  }

  /**
   * Whether parameter {@code i} passed: analytic and numerical both finite, and relative error at
   * most the tolerance or {@code |a_i - n_i|} at most the absolute tolerance.
   *
   * @param i the parameter index, {@code 0 <= i < size()}
   * @return true when the analytic derivative agrees with the numerical one
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public boolean passed(int i) {
    return passed[Objects.checkIndex(i, size())];
  }

  /**
   * Whether every parameter passed and the value matched {@code f(x)}.
   *
   * @return true when the whole check passed
   */
  public boolean passed() {
    if (!valuePassed) {
      return false;
    }
    for (boolean p : passed) {
      if (!p) {
        return false;
      }
    }
    return true;
  }

  /**
   * A readable report: a summary line, the settings, the value comparison, one table row per
   * parameter (name, x, analytic, numerical, relative error, {@code ok} / {@code ok (abs)} /
   * {@code FAIL}) and one line per failure saying why. Doubles print in full precision
   * ({@link Double#toString(double)}), errors as {@code %.2e}, lines end with {@code \n},
   * independent of the default locale.
   *
   * @return the report text, the message of {@link GradientCheck#assertGradient}'s error
   */
  @Override
  public String toString() {
    int failures = 0;
    for (boolean p : passed) {
      failures += p ? 0 : 1;
    }
    StringBuilder out = new StringBuilder();
    if (passed()) {
      out.append("Gradient check passed: ").append(size()).append(" of ").append(size());
      out.append(size() == 1 ? " parameter ok" : " parameters ok").append(", value ok\n");
    } else {
      out.append("Gradient check FAILED: ").append(failures).append(" of ").append(size());
      out.append(size() == 1 ? " parameter wrong" : " parameters wrong");
      out.append(valuePassed ? ", value ok\n" : ", value mismatch\n");
    }
    out.append("  central differences, h_i = ").append(sci(step));
    out.append(" * max(1, |x_i|); ok when relative error <= ").append(sci(tolerance));
    out.append(" or |analytic - numerical| <= ").append(sci(absoluteTolerance)).append('\n');
    out.append("  value: f(x) = ").append(value);
    out.append(", valueAndGradient returned ").append(valueFromGradient);
    out.append(valuePassed ? ": ok\n" : ": FAIL\n");
    out.append('\n');
    appendTable(out);

    List<String> reasons = failureLines();
    if (!reasons.isEmpty()) {
      out.append('\n');
      for (String reason : reasons) {
        out.append("  FAIL ").append(reason).append('\n');
      }
    }
    return out.toString();
  }

  private void appendTable(StringBuilder out) {
    String[][] rows = new String[size() + 1][];
    rows[0] = new String[] {"name", "x", "analytic", "numerical", "rel. error", "status"};
    for (int i = 0; i < size(); i++) {
      rows[i + 1] =
          new String[] {
            names[i],
            Double.toString(point[i]),
            Double.toString(analytic[i]),
            Double.toString(numerical[i]),
            sci(relativeErrors[i]),
            status(i)
          };
    }
    int[] widths = new int[rows[0].length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int c = 0; c < row.length; c++) {
        line.append(row[c]);
        for (int pad = row[c].length(); pad < widths[c] + 2; pad++) {
          line.append(' ');
        }
      }
      // The last column is padded like the others; trailing blanks would only hurt diffs.
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private String status(int i) {
    if (!passed[i]) {
      return "FAIL";
    }
    // Say when only the absolute tolerance saved it, so a large relative error in an "ok" row
    // does not look like a bug in the checker.
    return relativeErrors[i] <= tolerance ? "ok" : "ok (abs)";
  }

  private List<String> failureLines() {
    List<String> lines = new ArrayList<>();
    if (!valuePassed) {
      lines.add("value: " + valueFailure());
    }
    for (int i = 0; i < size(); i++) {
      if (!passed[i]) {
        lines.add(
            names[i]
                + ": analytic "
                + analytic[i]
                + ", numerical "
                + numerical[i]
                + ": "
                + parameterFailure(i));
      }
    }
    return lines;
  }

  private String valueFailure() {
    if (!Double.isFinite(value)) {
      return "f(x) is " + value + ", so the gradient cannot be checked at this point";
    }
    if (!Double.isFinite(valueFromGradient)) {
      return "valueAndGradient returned " + valueFromGradient + " but f(x) = " + value;
    }
    return "valueAndGradient returned "
        + valueFromGradient
        + " but f(x) = "
        + value
        + " (relative error "
        + sci(relativeError(valueFromGradient, value))
        + " > "
        + sci(tolerance)
        + ")";
  }

  private String parameterFailure(int i) {
    List<String> why = new ArrayList<>();
    if (notOverwritten[i]) {
      why.add(
          "grad["
              + i
              + "] was not overwritten: valueAndGradient left the NaN the checker put there"
              + " (it must assign grad[i], not skip it or add to it)");
    } else if (!Double.isFinite(analytic[i])) {
      why.add("the analytic gradient is " + analytic[i]);
    }
    if (!Double.isFinite(numerical[i])) {
      why.add(
          "the numerical gradient is "
              + numerical[i]
              + " (f is not finite, or overflows, next to "
              + names[i]
              + " = "
              + point[i]
              + ")");
    }
    if (why.isEmpty()) {
      why.add(
          "relative error "
              + sci(relativeErrors[i])
              + " > "
              + sci(tolerance)
              + " and |analytic - numerical| = "
              + sci(Math.abs(analytic[i] - numerical[i]))
              + " > "
              + sci(absoluteTolerance));
    }
    return String.join("; ", why);
  }

  private boolean agrees(double a, double n) {
    if (!Double.isFinite(a) || !Double.isFinite(n)) {
      return false; // never let NaN or infinity pass, whatever the tolerances
    }
    return relativeError(a, n) <= tolerance || Math.abs(a - n) <= absoluteTolerance;
  }

  /** {@code |a - n| / max(|a|, |n|)}, 0 when both are 0, NaN when either is not finite. */
  static double relativeError(double a, double n) {
    if (!Double.isFinite(a) || !Double.isFinite(n)) {
      return Double.NaN;
    }
    double scale = Math.max(Math.abs(a), Math.abs(n));
    if (scale == 0) {
      return 0;
    }
    double difference = Math.abs(a - n);
    if (Double.isInfinite(difference)) {
      // a - n overflowed (a and n near +/-Double.MAX_VALUE): scale first. Not always, because
      // the unscaled quotient is the correctly rounded one (|5 - 4| / 5 gives exactly 0.2).
      return Math.abs(a / scale - n / scale);
    }
    return difference / scale;
  }

  private static String sci(double v) {
    // Locale.ROOT: the report must read the same (decimal point, not comma) on every machine.
    return String.format(Locale.ROOT, "%.2e", v);
  }
}
