package dev.backprop.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.backprop.processor.diagnostics.Diagnostics.compile;
import static dev.backprop.processor.diagnostics.Diagnostics.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every for loop with one declared counter, a condition and one update is differentiated:
 * counted ones, {@code for (int i = a; i < b; i++)} (or {@code i <= b}, {@code ++i}, {@code i +=
 * 1}) with i, a and b left alone by a body without break or continue, run backwards by their
 * index; any other one (and every while loop) counts its iterations. Unlabelled break and
 * continue are fine. A for loop without one declared counter, a condition and one update is an
 * error at the loop; a labelled break or continue is an error at its statement. A return inside
 * a loop is fine. Do-while and for-each loops: StatementDiagnosticsTest. The gradients of the
 * accepted shapes: LoopFormsGradientsTest.
 */
class LoopDiagnosticsTest {

  private static final String FORM = "[backprop:loop] a for loop needs one declared counter, a "
      + "condition and one update: for (int i = a; i < b; i++)";
  private static final String LABELLED = "[backprop:break] labelled break and continue are not "
      + "supported; use a flag in the loop condition";

  private static final JavaFileObject LOOPS = source("p.Loops", """
      package p;

      import dev.backprop.Differentiable;

      final class Loops {
        @Differentiable
        static double power(double x, int n) {
          double y = 1;
          for (int i = 0; i < n; i++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double powerInclusive(double x, int n) {
          double y = 1;
          for (int i = 1; i <= n; ++i) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double powerByOnes(double x, int n) {
          double y = 1;
          for (int i = 0; i < n; i += 1) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double grid(double x, int rows, int cols) {
          double s = 0;
          for (int r = 0; r < rows; r++) {
            for (int c = r; c < cols; c++) {
              s += x * (r + c);
            }
          }
          return s;
        }

        @Differentiable
        static double countdown(double x, int down) {
          double y = 1;
          for (int i = down; i > 0; i--) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double strided(double x, int n) {
          double y = 1;
          for (int i = 0; i < n; i += 2) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double longCounter(double x, long times) {
          double y = 1;
          for (long i = 0; i < times; i++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double boundFirst(double x, int first) {
          double y = 1;
          for (int i = 0; first > i; i++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double computedBound(double x, int cap) {
          double y = 1;
          for (int i = 0; i < Math.min(cap, 3); i++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double skipsAhead(double x, int skip) {
          double y = 1;
          for (int i = 0; i < skip; i++) {
            y = y * x;
            i += 1;
          }
          return y;
        }

        @Differentiable
        static double shrinking(double x, int steps) {
          double y = 1;
          for (int i = 0; i < steps; i++) {
            y = y * x;
            steps--;
          }
          return y;
        }

        @Differentiable
        static double movingStart(double x, int until) {
          double y = 1;
          int start = 0;
          for (int i = start; i < until; i++) {
            y = y * x;
            start = i;
          }
          return y;
        }

        @Differentiable
        static double capped(double x, int most) {
          double y = 1;
          for (int i = 0; i < most; i++) {
            if (y > 100) {
              break;
            }
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double grow(double x) {
          double y = x;
          while (y < 100) {
            y = y * 2;
          }
          return y;
        }

        @Differentiable
        static double growUntilBig(double x, double limit) {
          double y = x;
          while (y < 100) {
            y = y * 2;
            if (y > limit) {
              break;
            }
          }
          return y;
        }

        @Differentiable
        static double skipSmall(double x, int steps) {
          double y = x;
          int k = 0;
          while (k < steps) {
            k += 1;
            if (y < 0.5) {
              continue;
            }
            y = y * 0.9;
          }
          return y;
        }

        @Differentiable
        static double innerBreak(double x, int size) {
          double y = 1;
          for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
              if (c > r) {
                break;
              }
              y = y * x;
            }
          }
          return y;
        }

        @Differentiable
        static double twoCounters(double x, int pairs) {
          double y = 1;
          for (int i = 0, j = 0; i < pairs; i++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double forever(double x) {
          double y = x;
          for (;;) {
            y = y * x;
          }
        }

        @Differentiable
        static double counterFromOutside(double x, int outer) {
          double y = 1;
          int k;
          for (k = 0; k < outer; k++) {
            y = y * x;
          }
          return y;
        }

        @Differentiable
        static double twoUpdates(double x, int both) {
          double y = 1;
          int j = 0;
          for (int i = 0; i < both; i++, j++) {
            y = y * x;
          }
          return y + j;
        }

        @Differentiable
        static double triangle(double x, int size) {
          double y = 1;
          rows:
          for (int r = 0; r < size; r++) {
            for (int c = 0; c < r; c++) {
              y = y * x;
              continue rows;
            }
          }
          return y;
        }

        @Differentiable
        static double firstOverflow(double x, int size) {
          double y = 1;
          scan:
          for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
              y = y * x;
              if (y > 100) {
                break scan;
              }
            }
          }
          return y;
        }

        @Differentiable
        static double firstLarge(double x, int tries) {
          double y = 1;
          for (int i = 0; i < tries; i++) {
            y = y * x;
            if (y > 100) {
              return -y;
            }
          }
          return y;
        }

        @Differentiable
        static double growOrGiveUp(double x) {
          double y = x;
          while (y < 100) {
            y = y * 2;
            if (y < 0) {
              return 0;
            }
          }
          return y;
        }
      }
      """);

  private static final String[] COUNTED = {"power", "powerInclusive", "powerByOnes", "grid"};
  private static final String[] NOT_COUNTED = {"countdown", "strided", "longCounter",
      "boundFirst", "computedBound", "skipsAhead", "shrinking", "movingStart", "capped", "grow",
      "growUntilBig", "skipSmall", "innerBreak"};
  private static final String[] REJECTED = {"twoCounters", "forever", "counterFromOutside",
      "twoUpdates", "triangle", "firstOverflow"};
  private static final String[] RETURNING = {"firstLarge", "growOrGiveUp"};

  private static Compilation loops() {
    return compile(LOOPS).compilation();
  }

  /** The errors reported inside method {@code name} of {@link #LOOPS}, its signature included. */
  private static List<String> errorsIn(String name) {
    return compile(LOOPS).errorsInMethod(LOOPS, "static double " + name + "(");
  }

  private static void assertOnlyError(String method, String message, String line) {
    assertThat(loops()).hadErrorContaining(message).inFile(LOOPS).onLineContaining(line);
    assertWithMessage("errors in %s; all diagnostics:\n%s", method, compile(LOOPS).listing())
        .that(errorsIn(method)).containsExactly(message);
  }

  private static void assertAccepted(String method, String signature) {
    assertWithMessage("errors in %s; all diagnostics:\n%s", method, compile(LOOPS).listing())
        .that(errorsIn(method)).isEmpty();
    assertThat(compile(LOOPS).generatedSource("p.LoopsGrad"))
        .contains("static double " + method + "(" + signature + ", double[] grad)");
    assertThat(compile(LOOPS).generatedSource("p.LoopsGrad"))
        .contains("static void " + method + "Pullback(");
  }

  // --- counted loops --------------------------------------------------------------------------

  @Test
  void countedLoopsAreFine() {
    assertAccepted("power", "double x, int n");
    assertAccepted("powerInclusive", "double x, int n");
    assertAccepted("powerByOnes", "double x, int n");
    assertAccepted("grid", "double x, int rows, int cols");
  }

  // --- for loops that are not counted: reversed by counting their iterations ------------------

  @Test
  void countingDown() {
    assertAccepted("countdown", "double x, int down");
  }

  @Test
  void stride() {
    assertAccepted("strided", "double x, int n");
  }

  @Test
  void longCounter() {
    assertAccepted("longCounter", "double x, long times");
  }

  @Test
  void boundOnTheLeft() {
    assertAccepted("boundFirst", "double x, int first");
  }

  @Test
  void boundWithACall() {
    assertAccepted("computedBound", "double x, int cap");
  }

  @Test
  void bodyAssignsTheCounter() {
    assertAccepted("skipsAhead", "double x, int skip");
  }

  @Test
  void bodyAssignsTheBound() {
    assertAccepted("shrinking", "double x, int steps");
  }

  @Test
  void bodyAssignsTheStart() {
    assertAccepted("movingStart", "double x, int until");
  }

  @Test
  void breakInAForLoop() {
    assertAccepted("capped", "double x, int most");
  }

  // --- while loops, break and continue --------------------------------------------------------

  @Test
  void whileLoop() {
    assertAccepted("grow", "double x");
  }

  @Test
  void breakInAWhileLoop() {
    assertAccepted("growUntilBig", "double x, double limit");
  }

  @Test
  void continueInAWhileLoop() {
    assertAccepted("skipSmall", "double x, int steps");
  }

  @Test
  void breakOutOfAnInnerLoop() {
    assertAccepted("innerBreak", "double x, int size");
  }

  /** The counted loops run backwards by index; the others count their iterations. */
  @Test
  void onlyLoopsThatAreNotCountedCountTheirIterations() {
    String generated = compile(LOOPS).generatedSource("p.LoopsGrad");
    for (String counted : COUNTED) {
      assertWithMessage("%s in:\n%s", counted, generated)
          .that(methodText(generated, counted)).doesNotContain("iterations");
    }
    for (String notCounted : NOT_COUNTED) {
      assertWithMessage("%s in:\n%s", notCounted, generated)
          .that(methodText(generated, notCounted)).contains("iterations");
    }
  }

  /** The text of generated method {@code name} and its pullback, up to the next Javadoc. */
  private static String methodText(String generated, String name) {
    int start = generated.indexOf(" " + name + "(double");
    assertWithMessage("%s in:\n%s", name, generated).that(start).isAtLeast(0);
    int pullback = generated.indexOf(" " + name + "Pullback(double", start);
    assertWithMessage("%sPullback in:\n%s", name, generated).that(pullback).isAtLeast(0);
    int end = generated.indexOf("/**", pullback);
    return generated.substring(start, end < 0 ? generated.length() : end);
  }

  // --- for loops without one declared counter, a condition and one update ---------------------

  @Test
  void twoCounters() {
    assertThat(loops()).failed();
    assertOnlyError("twoCounters", FORM, "for (int i = 0, j = 0; i < pairs; i++) {");
  }

  @Test
  void noCondition() {
    assertOnlyError("forever", FORM, "for (;;) {");
  }

  @Test
  void counterDeclaredOutsideTheLoop() {
    assertOnlyError("counterFromOutside", FORM, "for (k = 0; k < outer; k++) {");
  }

  @Test
  void twoUpdates() {
    assertOnlyError("twoUpdates", FORM, "for (int i = 0; i < both; i++, j++) {");
  }

  // --- labelled jumps and return --------------------------------------------------------------

  @Test
  void labelledContinue() {
    assertOnlyError("triangle", LABELLED, "continue rows;");
  }

  @Test
  void labelledBreak() {
    assertOnlyError("firstOverflow", LABELLED, "break scan;");
  }

  @Test
  void returnInsideALoopIsFine() {
    for (String good : RETURNING) {
      assertWithMessage(compile(LOOPS).listing()).that(errorsIn(good)).isEmpty();
    }
  }

  @Test
  void everyLoopProblemIsReportedAndNothingElse() {
    // one error per rejected method, none for the accepted ones
    assertThat(loops()).hadErrorCount(REJECTED.length);
    for (String rejected : REJECTED) {
      assertWithMessage(compile(LOOPS).listing()).that(errorsIn(rejected)).hasSize(1);
    }
  }

  @Test
  void onlyTheRejectedMethodsAreLeftOut() {
    String generated = compile(LOOPS).generatedSource("p.LoopsGrad");
    for (String good : COUNTED) {
      assertThat(generated).contains(" " + good + "(");
    }
    for (String good : NOT_COUNTED) {
      assertThat(generated).contains(" " + good + "(");
    }
    for (String good : RETURNING) {
      assertThat(generated).contains(" " + good + "(");
    }
    for (String bad : REJECTED) {
      assertThat(generated).doesNotContain(" " + bad + "(");
    }
  }
}
