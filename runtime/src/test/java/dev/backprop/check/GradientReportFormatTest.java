package dev.backprop.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The report text, compared in full. A step of 0.25 at x = 1 makes every probe and every central
 * difference exact in binary, so the numbers below are deterministic on every JVM.
 */
class GradientReportFormatTest {

  /** f = 2 a + b^2 at (1, 1): gradient (2, 2), value 3. */
  private static final ScalarFunction F = x -> 2 * x[0] + x[1] * x[1];

  @Test
  void passingReport() {
    ValueAndGradient right =
        (x, g) -> {
          g[0] = 2;
          g[1] = 2 * x[1];
          return F.value(x);
        };

    String text = GradientCheck.of(F, right).step(0.25).names("a", "b").at(1, 1).toString();

    assertEquals(
        "Gradient check passed: 2 of 2 parameters ok, value ok\n"
            + "  central differences, h_i = 2.50e-01 * max(1, |x_i|); ok when relative error"
            + " <= 1.00e-06 or |analytic - numerical| <= 1.00e-08\n"
            + "  value: f(x) = 3.0, valueAndGradient returned 3.0: ok\n"
            + "\n"
            + "  name  x    analytic  numerical  rel. error  status\n"
            + "  a     1.0  2.0       2.0        0.00e+00    ok\n"
            + "  b     1.0  2.0       2.0        0.00e+00    ok\n",
        text);
  }

  @Test
  void failingReport() {
    ValueAndGradient wrong =
        (x, g) -> {
          g[0] = 2;
          g[1] = 3 * x[1]; // should be 2 * b
          return F.value(x) + 0.5;
        };

    String text = GradientCheck.of(F, wrong).step(0.25).names("a", "b").at(1, 1).toString();

    assertEquals(
        "Gradient check FAILED: 1 of 2 parameters wrong, value mismatch\n"
            + "  central differences, h_i = 2.50e-01 * max(1, |x_i|); ok when relative error"
            + " <= 1.00e-06 or |analytic - numerical| <= 1.00e-08\n"
            + "  value: f(x) = 3.0, valueAndGradient returned 3.5: FAIL\n"
            + "\n"
            + "  name  x    analytic  numerical  rel. error  status\n"
            + "  a     1.0  2.0       2.0        0.00e+00    ok\n"
            + "  b     1.0  3.0       2.0        3.33e-01    FAIL\n"
            + "\n"
            + "  FAIL value: valueAndGradient returned 3.5 but f(x) = 3.0"
            + " (relative error 1.43e-01 > 1.00e-06)\n"
            + "  FAIL b: analytic 3.0, numerical 2.0: relative error 3.33e-01 > 1.00e-06"
            + " and |analytic - numerical| = 1.00e+00 > 1.00e-08\n",
        text);
  }

  @Test
  void defaultNamesAreX0X1AndSingularIsSingular() {
    ValueAndGradient right =
        (x, g) -> {
          g[0] = 2;
          return 2 * x[0];
        };
    String text = GradientCheck.check(x -> 2 * x[0], right, 1).toString();
    assertTrue(text.startsWith("Gradient check passed: 1 of 1 parameter ok, value ok\n"), text);
    assertTrue(text.contains("\n  x0 "), text);
  }

  @Test
  void columnsStayAlignedWithLongNamesAndNumbers() {
    ValueAndGradient right =
        (x, g) -> {
          g[0] = 2;
          g[1] = 2 * x[1];
          return F.value(x);
        };
    String text =
        GradientCheck.of(F, right).names("learningRate", "b").at(0.1, 1.0 / 3).toString();
    String[] lines = text.split("\n");
    int header = 4;
    int column = lines[header].indexOf("numerical");
    assertTrue(column > 0, text);
    for (int row = header + 1; row <= header + 2; row++) {
      assertEquals(' ', lines[row].charAt(column - 1), "row " + row + "\n" + text);
      assertTrue(Character.isDigit(lines[row].charAt(column)), "row " + row + "\n" + text);
    }
    for (String line : lines) {
      assertFalse(line.endsWith(" "), "trailing blank in: '" + line + "'");
    }
  }

  @Test
  void formattingIgnoresTheDefaultLocale() {
    ValueAndGradient right =
        (x, g) -> {
          g[0] = 2;
          g[1] = 2 * x[1];
          return F.value(x);
        };
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY); // would print 1,00e-06 with the default locale
      String text = GradientCheck.of(F, right).at(1, 1).toString();
      assertTrue(text.contains("relative error <= 1.00e-06"), text);
    } finally {
      Locale.setDefault(saved);
    }
  }
}
